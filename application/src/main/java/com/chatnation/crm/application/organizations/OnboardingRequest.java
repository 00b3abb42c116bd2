package com.chatnation.crm.application.organizations;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.List;

/** What an administrator sends to bring an organization onto the platform. */
public record OnboardingRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Pattern(regexp = "[0-9]{1,32}", message = "must be the numeric id Meta assigned") String phoneNumberId,
        @Valid @Size(max = 500) List<PriceRequest> prices,
        @PositiveOrZero long lowBalanceThreshold) {

    public record PriceRequest(@NotBlank @Size(max = 64) String module, @NotBlank @Size(max = 64) String action,
                               @PositiveOrZero long tokens) {
    }
}
