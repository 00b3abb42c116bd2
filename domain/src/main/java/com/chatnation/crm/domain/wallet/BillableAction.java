package com.chatnation.crm.domain.wallet;

/** What a debit paid for: a module of the product and the action within it, as priced by the organization's price list. */
public record BillableAction(String module, String action) {
}
