package com.chatnation.crm.application.platform.database;

import java.nio.file.Path;

/** The embedded data directory belongs to a live process: the start-up stops rather than take it away. */
final class DataDirectoryInUse extends IllegalStateException {

    DataDirectoryInUse(Path dataDir, long pid, String detail) {
        super("The embedded PostgreSQL data directory " + dataDir + " is in use by process "
                + (pid > 0 ? String.valueOf(pid) : "(unknown)") + " (another instance of the service?): " + detail
                + ". Stop that process first, or give this instance a data directory of its own (CRM_DATA_DIR).");
    }
}
