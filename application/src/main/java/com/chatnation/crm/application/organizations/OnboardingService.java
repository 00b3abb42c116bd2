package com.chatnation.crm.application.organizations;

import com.chatnation.crm.domain.organization.OnboardOrganization;
import com.chatnation.crm.domain.organization.PriceList;
import com.chatnation.crm.domain.organization.TokenPrice;
import com.chatnation.crm.domain.wallet.CreateWallet;
import com.chatnation.crm.domain.wallet.WalletId;
import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;
import com.chatnation.crm.application.config.TransactionalRetry;

import java.util.List;
import java.util.UUID;

/** Onboards an organization and opens its wallet, both or neither. */
@Service
public class OnboardingService {

    private final CommandGateway commands;
    private final OrganizationDirectory directory;
    private final TransactionalRetry transaction;

    public OnboardingService(CommandGateway commands, OrganizationDirectory directory, TransactionalRetry transaction) {
        this.commands = commands;
        this.directory = directory;
        this.transaction = transaction;
    }

    public OnboardedOrganization onboard(OnboardingRequest request) {
        directory.byPhoneNumberId(request.phoneNumberId()).ifPresent(existing -> {
            throw new PhoneNumberAlreadyOnboarded(request.phoneNumberId());
        });
        String organizationId = UUID.randomUUID().toString();
        String walletId = WalletId.forOrganization(organizationId);
        String apiKey = ApiKeys.generate();
        List<TokenPrice> prices = request.prices() == null ? List.of() : request.prices().stream()
                .map(p -> new TokenPrice(p.module(), p.action(), p.tokens()))
                .toList();
        // Both commands join this transaction, so a crash between them cannot leave an organization without a wallet.
        transaction.inTransaction(() -> {
            commands.sendAndWait(new OnboardOrganization(organizationId, request.name(), request.phoneNumberId(),
                    new PriceList(prices), request.lowBalanceThreshold(), ApiKeys.hash(apiKey)));
            commands.sendAndWait(new CreateWallet(walletId, organizationId, request.lowBalanceThreshold()));
        });
        return new OnboardedOrganization(organizationId, request.name().strip(), request.phoneNumberId(), walletId, apiKey);
    }
}
