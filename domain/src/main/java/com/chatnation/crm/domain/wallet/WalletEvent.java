package com.chatnation.crm.domain.wallet;

/** Every wallet event names its wallet and organization, so read models never need to look either up. */
public interface WalletEvent {

    String walletId();

    String organizationId();
}
