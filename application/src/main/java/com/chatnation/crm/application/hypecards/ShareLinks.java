package com.chatnation.crm.application.hypecards;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** A card's public address: the service's public URL ({@code crm.public-url}) and {@code /c/<share code>}. */
@Component
class ShareLinks {

    private final String base;

    ShareLinks(@Value("${crm.public-url:http://localhost:8080}") String publicUrl) {
        this.base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    String page(String shareCode) {
        return base + "/c/" + shareCode;
    }

    String image(String shareCode) {
        return page(shareCode) + "/card.png";
    }
}
