package com.chatnation.crm.domain.organization;

import com.chatnation.crm.domain.common.DomainRuleViolation;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An organization's tokens per module and action. Each (module, action) appears at most once. */
public record PriceList(List<TokenPrice> prices) {

    public PriceList {
        prices = prices == null ? List.of() : List.copyOf(prices);
        Set<String> seen = new HashSet<>();
        for (TokenPrice price : prices) {
            if (!seen.add(price.module() + "/" + price.action())) {
                throw new DomainRuleViolation("duplicate_price",
                        "price list names " + price.module() + "/" + price.action() + " more than once");
            }
        }
    }

    public Optional<Long> priceOf(String module, String action) {
        return prices.stream()
                .filter(p -> p.module().equals(module) && p.action().equals(action))
                .map(TokenPrice::tokens)
                .findFirst();
    }
}
