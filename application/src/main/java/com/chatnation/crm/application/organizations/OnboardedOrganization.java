package com.chatnation.crm.application.organizations;

/** The answer to onboarding. The API key appears here once and is never retrievable again. */
public record OnboardedOrganization(String organizationId, String name, String phoneNumberId, String walletId,
                                    String apiKey) {
}
