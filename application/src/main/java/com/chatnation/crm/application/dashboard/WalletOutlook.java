package com.chatnation.crm.application.dashboard;

import com.chatnation.crm.projections.queries.WalletQueries.WalletRow;

/**
 * The wallet as the overview tells it: what is left, the spending rate of the last days, how many days that lasts,
 * and whether the balance is under the organization's alert threshold.
 */
record WalletOutlook(long balance, long available, long reserved, long threshold, double spentPerDay,
                     Long daysLeft, boolean low) {

    static WalletOutlook of(WalletRow wallet, long spentInWindow, int windowDays) {
        double perDay = (double) spentInWindow / windowDays;
        Long daysLeft = perDay <= 0 ? null : (long) Math.floor(wallet.available() / perDay);
        return new WalletOutlook(wallet.balance(), wallet.available(), wallet.reserved(),
                wallet.lowBalanceThreshold(), Math.round(perDay * 10) / 10.0, daysLeft,
                wallet.available() <= wallet.lowBalanceThreshold());
    }
}
