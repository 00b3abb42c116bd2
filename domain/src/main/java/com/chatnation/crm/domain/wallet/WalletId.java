package com.chatnation.crm.domain.wallet;

/**
 * Each organization has exactly one wallet. Its aggregate identifier is derived from the organization's,
 * prefixed because the event store keys streams by identifier alone and the organization has a stream too.
 */
public final class WalletId {

    private static final String PREFIX = "wallet-";

    private WalletId() {
    }

    public static String forOrganization(String organizationId) {
        return PREFIX + organizationId;
    }

    public static String organizationOf(String walletId) {
        return walletId.startsWith(PREFIX) ? walletId.substring(PREFIX.length()) : walletId;
    }
}
