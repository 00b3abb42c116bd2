package com.chatnation.crm.application.organizations;

import com.chatnation.crm.application.platform.transactions.TransactionalRetry;
import com.chatnation.crm.application.staff.SecretTokens;
import com.chatnation.crm.application.staff.TeamManagement;
import com.chatnation.crm.domain.organization.OnboardOrganization;
import com.chatnation.crm.domain.organization.PriceList;
import com.chatnation.crm.domain.organization.TokenPrice;
import com.chatnation.crm.domain.staff.FormTeam;
import com.chatnation.crm.domain.staff.StaffRole;
import com.chatnation.crm.domain.staff.TeamId;
import com.chatnation.crm.domain.wallet.CreateWallet;
import com.chatnation.crm.domain.wallet.WalletId;
import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Onboards an organization with its wallet, its team (a read-only API key) and its first owner's invitation. */
@Service
public class OnboardingService {

    private final CommandGateway commands;
    private final OrganizationDirectory directory;
    private final TransactionalRetry transaction;
    private final TeamManagement team;

    public OnboardingService(CommandGateway commands, OrganizationDirectory directory, TransactionalRetry transaction,
                             TeamManagement team) {
        this.commands = commands;
        this.directory = directory;
        this.transaction = transaction;
        this.team = team;
    }

    public OnboardedOrganization onboard(OnboardingRequest request) {
        directory.byPhoneNumberId(request.phoneNumberId()).ifPresent(existing -> {
            throw new PhoneNumberAlreadyOnboarded(request.phoneNumberId());
        });
        String organizationId = UUID.randomUUID().toString();
        String walletId = WalletId.forOrganization(organizationId);
        String apiKey = SecretTokens.apiKey();
        String apiKeyHash = SecretTokens.hash(apiKey);
        List<TokenPrice> prices = request.prices() == null ? List.of() : request.prices().stream()
                .map(p -> new TokenPrice(p.module(), p.action(), p.tokens()))
                .toList();
        // All in this transaction, so a crash (or a refused owner address) leaves no organization half made.
        TeamManagement.Invitation invitation = transaction.inTransaction(() -> {
            commands.sendAndWait(new OnboardOrganization(organizationId, request.name(), request.phoneNumberId(),
                    new PriceList(prices), request.lowBalanceThreshold(), apiKeyHash));
            commands.sendAndWait(new CreateWallet(walletId, organizationId, request.lowBalanceThreshold()));
            commands.sendAndWait(new FormTeam(TeamId.forOrganization(organizationId), organizationId, apiKeyHash));
            return team.invite(organizationId, request.owner().email(), request.owner().phone(),
                    request.owner().displayName(), Set.of(StaffRole.OWNER));
        });
        return new OnboardedOrganization(organizationId, request.name().strip(), request.phoneNumberId(), walletId,
                apiKey, new OnboardedOrganization.OwnerInvitation(invitation.userId(), invitation.token(),
                invitation.expiresAt()));
    }

    /** Another owner invitation, for an organization whose owner never joined or has left. */
    public TeamManagement.Invitation inviteOwner(String organizationId, OnboardingRequest.Owner owner) {
        return team.invite(organizationId, owner.email(), owner.phone(), owner.displayName(), Set.of(StaffRole.OWNER));
    }
}
