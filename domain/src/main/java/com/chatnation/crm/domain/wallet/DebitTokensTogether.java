package com.chatnation.crm.domain.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Several debits of one wallet decided in one command, each exactly as {@link DebitTokens} alone would be, in order:
 * a reference charged at most once, an unaffordable debit declined and recorded. Answers a {@link DebitOutcome} per
 * debit, in the same order. Busy organizations' replies are charged this way, so the wallet is loaded and appended to
 * once for many replies instead of once each. A debit that breaks a rule (no reference, no positive amount, another
 * wallet) refuses the whole command, before anything is charged.
 */
public record DebitTokensTogether(@TargetAggregateIdentifier String walletId, List<DebitTokens> debits) {

    /** More than a dispatcher ever gathers in one go; a bound so a command's events stay one modest append. */
    public static final int MAX_DEBITS = 500;

    public DebitTokensTogether {
        // a copy, so the command cannot change once sent (and holds no null debit)
        debits = debits == null ? null : List.copyOf(debits);
    }
}
