package com.chatnation.crm.application.platform.axon;

/**
 * The processing group of the command side's lookup tables. It is subscribing (configured in application.yml):
 * its handlers run in the transaction that stores the events, and their errors fail the command.
 */
public final class CommandCatalogs {

    public static final String GROUP = "command-catalogs";

    private CommandCatalogs() {
    }
}
