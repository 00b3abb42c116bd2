package com.chatnation.crm.domain.wallet;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.axonframework.serialization.Revision;

/**
 * A billable action was charged.
 *
 * <p>Revision 2 groups the charged module and action into one {@link BillableAction}; revision 1 stored them as
 * the top-level fields {@code module} and {@code action}. Stored revision-1 events are upcast when read, so both
 * shapes load into the same class.
 */
@Revision("2")
public record TokenDebited(String walletId, String organizationId, BillableAction billable, String referenceId,
                           long amount, long balanceAfter) implements WalletEvent {

    @JsonCreator
    public TokenDebited {
    }

    public TokenDebited(String walletId, String organizationId, String module, String action, String referenceId,
                        long amount, long balanceAfter) {
        this(walletId, organizationId, new BillableAction(module, action), referenceId, amount, balanceAfter);
    }

    public String module() {
        return billable == null ? null : billable.module();
    }

    public String action() {
        return billable == null ? null : billable.action();
    }
}
