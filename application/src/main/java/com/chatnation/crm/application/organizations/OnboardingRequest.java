package com.chatnation.crm.application.organizations;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * What the platform operator sends to bring an organization onto the platform, including who its first owner is
 * (an e-mail address or a phone number): they are invited, and everything else the organization does is theirs.
 */
public record OnboardingRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Pattern(regexp = "[0-9]{1,32}", message = "must be the numeric id Meta assigned") String phoneNumberId,
        @Valid @Size(max = 500) List<@NotNull PriceRequest> prices,
        @PositiveOrZero long lowBalanceThreshold,
        @NotNull @Valid Owner owner) {

    public record PriceRequest(@NotBlank @Size(max = 64) String module, @NotBlank @Size(max = 64) String action,
                               @PositiveOrZero long tokens) {
    }

    public record Owner(@Size(max = 254) String email, @Size(max = 32) String phone, @Size(max = 200) String displayName) {
    }
}
