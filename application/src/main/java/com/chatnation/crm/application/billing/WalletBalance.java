package com.chatnation.crm.application.billing;

/** A wallet's position: {@code available = balance - reserved}. */
public record WalletBalance(String organizationId, long balance, long reserved, long available, long lowBalanceThreshold) {
}
