package com.chatnation.crm.domain.organization;

import org.axonframework.serialization.Revision;

/** The organization's prices changed. */
@Revision("1")
public record PriceListChanged(String organizationId, PriceList priceList) {
}
