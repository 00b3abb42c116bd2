package com.chatnation.crm.domain.staff;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static com.chatnation.crm.domain.staff.ApiKeyScope.READ;
import static com.chatnation.crm.domain.staff.ApiKeyScope.WRITE;
import static com.chatnation.crm.domain.staff.StaffRole.ADMIN;
import static com.chatnation.crm.domain.staff.StaffRole.AGENT;
import static com.chatnation.crm.domain.staff.StaffRole.BILLING;
import static com.chatnation.crm.domain.staff.StaffRole.EDITOR;
import static com.chatnation.crm.domain.staff.StaffRole.OWNER;
import static com.chatnation.crm.domain.staff.StaffRole.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TeamTest {

    private static final String ORG = "org-1";
    private static final String TEAM = TeamId.forOrganization(ORG);
    private static final Instant NOW = Instant.parse("2030-03-01T09:00:00Z");
    private static final Instant EXPIRES_AT = NOW.plus(Duration.ofDays(7));
    private static final String OWNER_ID = "u-owner";
    private static final String EDITOR_ID = "u-editor";
    private static final String OWNER_EMAIL = "owner@acme.test";
    private static final String EDITOR_EMAIL = "editor@acme.test";
    private static final String PHONE = "+254712345678";

    private AggregateTestFixture<Team> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Team.class);
    }

    private static Matcher<DomainRuleViolation> violation(String code) {
        return new CustomTypeSafeMatcher<>("DomainRuleViolation with code '" + code + "'") {
            @Override
            protected boolean matchesSafely(DomainRuleViolation item) {
                return code.equals(item.code());
            }
        };
    }

    private static TeamFormed formed() {
        return new TeamFormed(TEAM, ORG);
    }

    private static StaffInvited invited(String userId, String email, String phone, Set<StaffRole> roles, String hash) {
        return new StaffInvited(TEAM, ORG, userId, email, phone, null, roles, hash, NOW, EXPIRES_AT);
    }

    private static StaffInvited ownerInvited() {
        return invited(OWNER_ID, OWNER_EMAIL, null, Set.of(OWNER), "t-owner");
    }

    private static StaffInvited editorInvited() {
        return invited(EDITOR_ID, EDITOR_EMAIL, PHONE, Set.of(EDITOR), "t-editor");
    }

    private static StaffJoined joined(String userId) {
        return new StaffJoined(TEAM, ORG, userId, NOW.plusSeconds(60));
    }

    /** A formed team with a joined owner and a joined editor. */
    private static Object[] teamWithOwnerAndEditor() {
        return new Object[]{formed(), ownerInvited(), joined(OWNER_ID), editorInvited(), joined(EDITOR_ID)};
    }

    private static InviteStaff invite(String userId, String email, String phone, Set<StaffRole> roles) {
        return new InviteStaff(TEAM, userId, email, phone, null, roles, "t-" + userId, NOW, EXPIRES_AT);
    }

    private static ApiKeyIssued keyIssued(String keyId, String hash) {
        return new ApiKeyIssued(TEAM, ORG, keyId, "Zapier", Set.of(READ, WRITE), hash);
    }

    @Nested
    class Formation {
        @Test
        void formsWithTheOnboardingKeyReadOnly() {
            fixture.givenNoPriorActivity()
                    .when(new FormTeam(TEAM, ORG, "h-onboarding"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(formed(), new ApiKeyIssued(TEAM, ORG, "onboarding", "Onboarding key", Set.of(READ),
                            "h-onboarding"))
                    .expectState(team -> {
                        assertThat(team.organizationId()).isEqualTo(ORG);
                        assertThat(team.isApiKeyUsable(Team.ONBOARDING_KEY_ID)).isTrue();
                        assertThat(team.activeOwners()).isZero();
                    });
        }

        @Test
        void formsWithoutAKey() {
            fixture.givenNoPriorActivity()
                    .when(new FormTeam(TEAM, ORG, null))
                    .expectEvents(formed())
                    .expectState(team -> assertThat(team.isApiKeyUsable(Team.ONBOARDING_KEY_ID)).isFalse());
        }

        @Test
        void refusesMissingOrganization() {
            fixture.givenNoPriorActivity()
                    .when(new FormTeam(TEAM, " ", null))
                    .expectException(violation("missing_organization_id"))
                    .expectNoEvents();
        }

        @Test
        void refusesABlankOnboardingKeyHash() {
            fixture.givenNoPriorActivity()
                    .when(new FormTeam(TEAM, ORG, ""))
                    .expectException(violation("missing_key_hash"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Invitations {
        @Test
        void invitesByEmailKeptTrimmedAndLowerCase() {
            fixture.given(formed())
                    .when(new InviteStaff(TEAM, EDITOR_ID, " Editor@ACME.test ", null, "  Jane Doe ",
                            Set.of(EDITOR, AGENT), "t-1", NOW, EXPIRES_AT))
                    .expectEvents(new StaffInvited(TEAM, ORG, EDITOR_ID, EDITOR_EMAIL, null, "Jane Doe",
                            Set.of(EDITOR, AGENT), "t-1", NOW, EXPIRES_AT))
                    .expectState(team -> {
                        assertThat(team.rolesOf(EDITOR_ID)).containsExactly(EDITOR, AGENT);
                        assertThat(team.isActive(EDITOR_ID)).isFalse();
                    });
        }

        @Test
        void invitesByPhoneInE164Form() {
            fixture.given(formed())
                    .when(new InviteStaff(TEAM, EDITOR_ID, "  ", "254 712-345 678", " ", Set.of(AGENT), "t-1", NOW,
                            EXPIRES_AT))
                    .expectEvents(new StaffInvited(TEAM, ORG, EDITOR_ID, null, PHONE, null, Set.of(AGENT), "t-1",
                            NOW, EXPIRES_AT));
        }

        @Test
        void refusesAnInvitationWithoutContact() {
            fixture.given(formed())
                    .when(invite(EDITOR_ID, null, " ", Set.of(EDITOR)))
                    .expectException(violation("missing_contact"))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(strings = {"editor", "@acme.test", "editor@acme", "editor@@acme.test", "ed itor@acme.test"})
        void refusesWhatIsNotAnEmailAddress(String email) {
            fixture.given(formed())
                    .when(invite(EDITOR_ID, email, null, Set.of(EDITOR)))
                    .expectException(violation("invalid_email"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnOverlongEmailAddress() {
            fixture.given(formed())
                    .when(invite(EDITOR_ID, "e".repeat(250) + "@acme.test", null, Set.of(EDITOR)))
                    .expectException(violation("invalid_email"));
        }

        @Test
        void refusesAnInvalidPhoneNumber() {
            fixture.given(formed())
                    .when(invite(EDITOR_ID, null, "0712", Set.of(EDITOR)))
                    .expectException(violation("invalid_phone_number"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnOverlongDisplayName() {
            fixture.given(formed())
                    .when(new InviteStaff(TEAM, EDITOR_ID, EDITOR_EMAIL, null, "x".repeat(201), Set.of(EDITOR), "t-1",
                            NOW, EXPIRES_AT))
                    .expectException(violation("invalid_display_name"))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @NullAndEmptySource
        void refusesAnInvitationWithoutRoles(Set<StaffRole> roles) {
            fixture.given(formed())
                    .when(invite(EDITOR_ID, EDITOR_EMAIL, null, roles))
                    .expectException(violation("missing_roles"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnEmptyRole() {
            fixture.given(formed())
                    .when(invite(EDITOR_ID, EDITOR_EMAIL, null, new HashSet<>(Arrays.asList(EDITOR, null))))
                    .expectException(violation("unknown_role"));
        }

        @Test
        void refusesAUserIdAlreadyInTheTeamEvenDeactivated() {
            fixture.given(formed(), editorInvited(), new StaffDeactivated(TEAM, ORG, EDITOR_ID))
                    .when(invite(EDITOR_ID, "someone.else@acme.test", null, Set.of(VIEWER)))
                    .expectException(violation("duplicate_user"))
                    .expectNoEvents();
        }

        @Test
        void refusesTheEmailOfAnInvitedMemberInAnyCase() {
            fixture.given(formed(), editorInvited())
                    .when(invite("u-2", "EDITOR@acme.test", null, Set.of(VIEWER)))
                    .expectException(violation("already_member"))
                    .expectNoEvents();
        }

        @Test
        void refusesThePhoneOfAnActiveMemberHoweverWritten() {
            fixture.given(formed(), editorInvited(), joined(EDITOR_ID))
                    .when(invite("u-2", null, "+254 712 345 678", Set.of(VIEWER)))
                    .expectException(violation("already_member"))
                    .expectNoEvents();
        }

        @Test
        void aDeactivatedMembersEmailAndPhoneCanBeInvitedAgain() {
            fixture.given(formed(), editorInvited(), joined(EDITOR_ID), new StaffDeactivated(TEAM, ORG, EDITOR_ID))
                    .when(invite("u-2", EDITOR_EMAIL, PHONE, Set.of(VIEWER)))
                    .expectEvents(invited("u-2", EDITOR_EMAIL, PHONE, Set.of(VIEWER), "t-u-2"));
        }

        @Test
        void refusesAMissingTokenHash() {
            fixture.given(formed())
                    .when(new InviteStaff(TEAM, EDITOR_ID, EDITOR_EMAIL, null, null, Set.of(EDITOR), null, NOW,
                            EXPIRES_AT))
                    .expectException(violation("missing_invitation_token_hash"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnExpiryNotAfterTheInvitation() {
            fixture.given(formed())
                    .when(new InviteStaff(TEAM, EDITOR_ID, EDITOR_EMAIL, null, null, Set.of(EDITOR), "t-1", NOW, NOW))
                    .expectException(violation("invalid_expiry"))
                    .expectNoEvents();
        }

        @Test
        void refusesAMissingExpiry() {
            fixture.given(formed())
                    .when(new InviteStaff(TEAM, EDITOR_ID, EDITOR_EMAIL, null, null, Set.of(EDITOR), "t-1", NOW, null))
                    .expectException(violation("invalid_expiry"));
        }
    }

    @Nested
    class Reissuing {
        private final Instant later = NOW.plus(Duration.ofDays(10));
        private final Instant laterExpiry = later.plus(Duration.ofDays(7));

        @Test
        void givesAPendingInvitationANewTokenAndExpiry() {
            fixture.given(formed(), editorInvited())
                    .when(new ReissueInvitation(TEAM, EDITOR_ID, "t-2", later, laterExpiry))
                    .expectEvents(new InvitationReissued(TEAM, ORG, EDITOR_ID, "t-2", later, laterExpiry));
        }

        @Test
        void theEarlierTokenStopsWorking() {
            fixture.given(formed(), editorInvited(),
                            new InvitationReissued(TEAM, ORG, EDITOR_ID, "t-2", later, laterExpiry))
                    .when(new AcceptInvitation(TEAM, EDITOR_ID, "t-editor", NOW.plusSeconds(1)))
                    .expectException(violation("invalid_invitation"))
                    .expectNoEvents();
        }

        @Test
        void theNewTokenWorksUntilTheNewExpiry() {
            Instant afterFirstExpiry = EXPIRES_AT.plus(Duration.ofDays(5));
            fixture.given(formed(), editorInvited(),
                            new InvitationReissued(TEAM, ORG, EDITOR_ID, "t-2", later, laterExpiry))
                    .when(new AcceptInvitation(TEAM, EDITOR_ID, "t-2", afterFirstExpiry))
                    .expectEvents(new StaffJoined(TEAM, ORG, EDITOR_ID, afterFirstExpiry));
        }

        @Test
        void refusesAnUnknownUser() {
            fixture.given(formed())
                    .when(new ReissueInvitation(TEAM, "nobody", "t-2", later, laterExpiry))
                    .expectException(violation("unknown_user"));
        }

        @Test
        void refusesAJoinedMember() {
            fixture.given(formed(), editorInvited(), joined(EDITOR_ID))
                    .when(new ReissueInvitation(TEAM, EDITOR_ID, "t-2", later, laterExpiry))
                    .expectException(violation("not_invited"))
                    .expectNoEvents();
        }

        @Test
        void refusesACancelledInvitation() {
            fixture.given(formed(), editorInvited(), new StaffDeactivated(TEAM, ORG, EDITOR_ID))
                    .when(new ReissueInvitation(TEAM, EDITOR_ID, "t-2", later, laterExpiry))
                    .expectException(violation("not_invited"));
        }

        @Test
        void refusesAMissingHashOrABadExpiry() {
            fixture.given(formed(), editorInvited())
                    .when(new ReissueInvitation(TEAM, EDITOR_ID, " ", later, laterExpiry))
                    .expectException(violation("missing_invitation_token_hash"));
            fixture.given(formed(), editorInvited())
                    .when(new ReissueInvitation(TEAM, EDITOR_ID, "t-2", later, later.minusSeconds(1)))
                    .expectException(violation("invalid_expiry"));
        }
    }

    @Nested
    class Accepting {
        @Test
        void joinsWithTheRightTokenBeforeExpiry() {
            Instant lastMoment = EXPIRES_AT.minusMillis(1);
            fixture.given(formed(), editorInvited())
                    .when(new AcceptInvitation(TEAM, EDITOR_ID, "t-editor", lastMoment))
                    .expectEvents(new StaffJoined(TEAM, ORG, EDITOR_ID, lastMoment))
                    .expectState(team -> assertThat(team.isActive(EDITOR_ID)).isTrue());
        }

        @Test
        void refusesAnUnknownUser() {
            fixture.given(formed(), editorInvited())
                    .when(new AcceptInvitation(TEAM, "nobody", "t-editor", NOW))
                    .expectException(violation("unknown_user"))
                    .expectNoEvents();
        }

        @Test
        void refusesACancelledInvitation() {
            fixture.given(formed(), editorInvited(), new StaffDeactivated(TEAM, ORG, EDITOR_ID))
                    .when(new AcceptInvitation(TEAM, EDITOR_ID, "t-editor", NOW))
                    .expectException(violation("staff_deactivated"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnInvitationUsedBefore() {
            fixture.given(formed(), editorInvited(), joined(EDITOR_ID))
                    .when(new AcceptInvitation(TEAM, EDITOR_ID, "t-editor", NOW.plusSeconds(120)))
                    .expectException(violation("invitation_used"))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"t-other", "t-edito", "t-editor "})
        void refusesAnotherToken(String hash) {
            fixture.given(formed(), editorInvited())
                    .when(new AcceptInvitation(TEAM, EDITOR_ID, hash, NOW))
                    .expectException(violation("invalid_invitation"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnExpiredInvitation() {
            fixture.given(formed(), editorInvited())
                    .when(new AcceptInvitation(TEAM, EDITOR_ID, "t-editor", EXPIRES_AT))
                    .expectException(violation("invitation_expired"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Roles {
        @Test
        void replacesTheRoles() {
            fixture.given(teamWithOwnerAndEditor())
                    .when(new ChangeRoles(TEAM, EDITOR_ID, Set.of(ADMIN, BILLING)))
                    .expectEvents(new RolesChanged(TEAM, ORG, EDITOR_ID, Set.of(ADMIN, BILLING)))
                    .expectState(team -> assertThat(team.rolesOf(EDITOR_ID)).containsExactly(ADMIN, BILLING));
        }

        @Test
        void theSameRolesChangeNothing() {
            fixture.given(teamWithOwnerAndEditor())
                    .when(new ChangeRoles(TEAM, EDITOR_ID, new HashSet<>(List.of(EDITOR))))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownUser() {
            fixture.given(teamWithOwnerAndEditor())
                    .when(new ChangeRoles(TEAM, "nobody", Set.of(ADMIN)))
                    .expectException(violation("unknown_user"));
        }

        @Test
        void refusesADeactivatedMember() {
            fixture.given(teamWithOwnerAndEditor()).andGiven(new StaffDeactivated(TEAM, ORG, EDITOR_ID))
                    .when(new ChangeRoles(TEAM, EDITOR_ID, Set.of(ADMIN)))
                    .expectException(violation("staff_deactivated"))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @NullAndEmptySource
        void refusesNoRoles(Set<StaffRole> roles) {
            fixture.given(teamWithOwnerAndEditor())
                    .when(new ChangeRoles(TEAM, EDITOR_ID, roles))
                    .expectException(violation("missing_roles"))
                    .expectNoEvents();
        }

        @Test
        void theLastActiveOwnerKeepsOwner() {
            fixture.given(teamWithOwnerAndEditor())
                    .when(new ChangeRoles(TEAM, OWNER_ID, Set.of(ADMIN)))
                    .expectException(violation("last_owner"))
                    .expectNoEvents();
        }

        @Test
        void theLastActiveOwnerMayGainRoles() {
            fixture.given(teamWithOwnerAndEditor())
                    .when(new ChangeRoles(TEAM, OWNER_ID, Set.of(OWNER, BILLING)))
                    .expectEvents(new RolesChanged(TEAM, ORG, OWNER_ID, Set.of(OWNER, BILLING)));
        }

        @Test
        void anInvitedOwnerDoesNotCountAsAnotherOwner() {
            fixture.given(teamWithOwnerAndEditor())
                    .andGiven(invited("u-2", "second@acme.test", null, Set.of(OWNER), "t-2"))
                    .when(new ChangeRoles(TEAM, OWNER_ID, Set.of(ADMIN)))
                    .expectException(violation("last_owner"));
        }

        @Test
        void anInvitedOwnerMayLoseOwner() {
            fixture.given(teamWithOwnerAndEditor())
                    .andGiven(invited("u-2", "second@acme.test", null, Set.of(OWNER), "t-2"))
                    .when(new ChangeRoles(TEAM, "u-2", Set.of(VIEWER)))
                    .expectEvents(new RolesChanged(TEAM, ORG, "u-2", Set.of(VIEWER)));
        }

        @Test
        void anOwnerMayStepDownWhileAnotherOwnerIsActive() {
            fixture.given(teamWithOwnerAndEditor())
                    .andGiven(new RolesChanged(TEAM, ORG, EDITOR_ID, Set.of(OWNER, EDITOR)))
                    .when(new ChangeRoles(TEAM, OWNER_ID, Set.of(ADMIN)))
                    .expectEvents(new RolesChanged(TEAM, ORG, OWNER_ID, Set.of(ADMIN)))
                    .expectState(team -> assertThat(team.activeOwners()).isEqualTo(1));
        }
    }

    @Nested
    class Deactivation {
        @Test
        void deactivatesAMember() {
            fixture.given(teamWithOwnerAndEditor())
                    .when(new DeactivateStaff(TEAM, EDITOR_ID))
                    .expectEvents(new StaffDeactivated(TEAM, ORG, EDITOR_ID))
                    .expectState(team -> assertThat(team.isActive(EDITOR_ID)).isFalse());
        }

        @Test
        void deactivatingTwiceChangesNothing() {
            fixture.given(teamWithOwnerAndEditor()).andGiven(new StaffDeactivated(TEAM, ORG, EDITOR_ID))
                    .when(new DeactivateStaff(TEAM, EDITOR_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void cancelsAPendingInvitation() {
            fixture.given(formed(), editorInvited())
                    .when(new DeactivateStaff(TEAM, EDITOR_ID))
                    .expectEvents(new StaffDeactivated(TEAM, ORG, EDITOR_ID));
        }

        @Test
        void refusesAnUnknownUser() {
            fixture.given(teamWithOwnerAndEditor())
                    .when(new DeactivateStaff(TEAM, "nobody"))
                    .expectException(violation("unknown_user"));
        }

        @Test
        void refusesTheLastActiveOwner() {
            fixture.given(teamWithOwnerAndEditor())
                    .when(new DeactivateStaff(TEAM, OWNER_ID))
                    .expectException(violation("last_owner"))
                    .expectNoEvents();
        }

        @Test
        void anOwnerMayLeaveWhileAnotherOwnerIsActive() {
            fixture.given(teamWithOwnerAndEditor())
                    .andGiven(new RolesChanged(TEAM, ORG, EDITOR_ID, Set.of(OWNER)))
                    .when(new DeactivateStaff(TEAM, OWNER_ID))
                    .expectEvents(new StaffDeactivated(TEAM, ORG, OWNER_ID));
        }
    }

    @Nested
    class Passwords {
        @Test
        void recordsTheChangeForAnActiveMember() {
            Instant at = NOW.plusSeconds(600);
            fixture.given(teamWithOwnerAndEditor())
                    .when(new ChangePassword(TEAM, EDITOR_ID, at))
                    .expectEvents(new StaffPasswordChanged(TEAM, ORG, EDITOR_ID, at));
        }

        @Test
        void refusesAnInviteeAndADeactivatedMember() {
            fixture.given(formed(), editorInvited())
                    .when(new ChangePassword(TEAM, EDITOR_ID, NOW))
                    .expectException(violation("not_active"))
                    .expectNoEvents();
            fixture.given(teamWithOwnerAndEditor()).andGiven(new StaffDeactivated(TEAM, ORG, EDITOR_ID))
                    .when(new ChangePassword(TEAM, EDITOR_ID, NOW))
                    .expectException(violation("not_active"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownUserAndAMissingTime() {
            fixture.given(teamWithOwnerAndEditor())
                    .when(new ChangePassword(TEAM, "nobody", NOW))
                    .expectException(violation("unknown_user"));
            fixture.given(teamWithOwnerAndEditor())
                    .when(new ChangePassword(TEAM, EDITOR_ID, null))
                    .expectException(violation("missing_changed_at"));
        }
    }

    @Nested
    class ApiKeys {
        @Test
        void issuesAKeyWithATrimmedName() {
            fixture.given(formed())
                    .when(new IssueApiKey(TEAM, "k-1", "  Zapier ", Set.of(WRITE, READ), "h-1", NOW))
                    .expectEvents(keyIssued("k-1", "h-1"))
                    .expectState(team -> assertThat(team.isApiKeyUsable("k-1")).isTrue());
        }

        @Test
        void acceptsANameOfTheLongestLength() {
            String name = "n".repeat(Team.MAX_KEY_NAME_LENGTH);
            fixture.given(formed())
                    .when(new IssueApiKey(TEAM, "k-1", name, Set.of(READ), "h-1", NOW))
                    .expectEvents(new ApiKeyIssued(TEAM, ORG, "k-1", name, Set.of(READ), "h-1"));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   "})
        void refusesAMissingName(String name) {
            fixture.given(formed())
                    .when(new IssueApiKey(TEAM, "k-1", name, Set.of(READ), "h-1", NOW))
                    .expectException(violation("invalid_name"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnOverlongName() {
            fixture.given(formed())
                    .when(new IssueApiKey(TEAM, "k-1", "n".repeat(Team.MAX_KEY_NAME_LENGTH + 1), Set.of(READ), "h-1",
                            NOW))
                    .expectException(violation("invalid_name"));
        }

        @ParameterizedTest
        @NullAndEmptySource
        void refusesNoScopes(Set<ApiKeyScope> scopes) {
            fixture.given(formed())
                    .when(new IssueApiKey(TEAM, "k-1", "Zapier", scopes, "h-1", NOW))
                    .expectException(violation("missing_scopes"))
                    .expectNoEvents();
        }

        @Test
        void refusesAKeyIdInUseEvenRevoked() {
            fixture.given(formed(), keyIssued("k-1", "h-1"), new ApiKeyRevoked(TEAM, ORG, "k-1"))
                    .when(new IssueApiKey(TEAM, "k-1", "Zapier", Set.of(READ), "h-2", NOW))
                    .expectException(violation("duplicate_api_key"))
                    .expectNoEvents();
        }

        @Test
        void refusesTheOnboardingKeysId() {
            fixture.givenCommands(new FormTeam(TEAM, ORG, "h-onboarding"))
                    .when(new IssueApiKey(TEAM, Team.ONBOARDING_KEY_ID, "Another", Set.of(READ), "h-2", NOW))
                    .expectException(violation("duplicate_api_key"));
        }

        @Test
        void refusesAMissingHashOrKeyId() {
            fixture.given(formed())
                    .when(new IssueApiKey(TEAM, "k-1", "Zapier", Set.of(READ), null, NOW))
                    .expectException(violation("missing_key_hash"));
            fixture.given(formed())
                    .when(new IssueApiKey(TEAM, "", "Zapier", Set.of(READ), "h-1", NOW))
                    .expectException(violation("missing_key_id"));
        }

        @Test
        void rotatesAKey() {
            fixture.given(formed(), keyIssued("k-1", "h-1"))
                    .when(new RotateApiKey(TEAM, "k-1", "h-2"))
                    .expectEvents(new ApiKeyRotated(TEAM, ORG, "k-1", "h-2"));
        }

        @Test
        void aRetriedRotationChangesNothing() {
            fixture.given(formed(), keyIssued("k-1", "h-1"), new ApiKeyRotated(TEAM, ORG, "k-1", "h-2"))
                    .when(new RotateApiKey(TEAM, "k-1", "h-2"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesToRotateAnUnknownOrRevokedKey() {
            fixture.given(formed())
                    .when(new RotateApiKey(TEAM, "k-1", "h-2"))
                    .expectException(violation("unknown_api_key"));
            fixture.given(formed(), keyIssued("k-1", "h-1"), new ApiKeyRevoked(TEAM, ORG, "k-1"))
                    .when(new RotateApiKey(TEAM, "k-1", "h-2"))
                    .expectException(violation("api_key_revoked"))
                    .expectNoEvents();
        }

        @Test
        void refusesToRotateToNoHash() {
            fixture.given(formed(), keyIssued("k-1", "h-1"))
                    .when(new RotateApiKey(TEAM, "k-1", " "))
                    .expectException(violation("missing_key_hash"));
        }

        @Test
        void revokesAKeyOnce() {
            fixture.given(formed(), keyIssued("k-1", "h-1"))
                    .when(new RevokeApiKey(TEAM, "k-1"))
                    .expectEvents(new ApiKeyRevoked(TEAM, ORG, "k-1"))
                    .expectState(team -> assertThat(team.isApiKeyUsable("k-1")).isFalse());
            fixture.given(formed(), keyIssued("k-1", "h-1"), new ApiKeyRevoked(TEAM, ORG, "k-1"))
                    .when(new RevokeApiKey(TEAM, "k-1"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesToRevokeAnUnknownKey() {
            fixture.given(formed())
                    .when(new RevokeApiKey(TEAM, "k-1"))
                    .expectException(violation("unknown_api_key"));
        }
    }

    @Nested
    class Story {
        /** Onboarding, the owner's invitation accepted, an editor invited and joined, a password set. */
        private Object[] onboarding() {
            return new Object[]{
                    new FormTeam(TEAM, ORG, "h-onboarding"),
                    invite(OWNER_ID, OWNER_EMAIL, null, Set.of(OWNER)),
                    new AcceptInvitation(TEAM, OWNER_ID, "t-" + OWNER_ID, NOW.plusSeconds(60)),
                    invite(EDITOR_ID, EDITOR_EMAIL, PHONE, Set.of(EDITOR)),
                    new AcceptInvitation(TEAM, EDITOR_ID, "t-" + EDITOR_ID, NOW.plusSeconds(120)),
                    new ChangePassword(TEAM, EDITOR_ID, NOW.plusSeconds(180))};
        }

        @Test
        void theOnlyOwnerCannotLeaveNorStepDown() {
            fixture.givenCommands(onboarding())
                    .when(new DeactivateStaff(TEAM, OWNER_ID))
                    .expectException(violation("last_owner"))
                    .expectNoEvents();
            fixture.givenCommands(onboarding())
                    .when(new ChangeRoles(TEAM, OWNER_ID, Set.of(EDITOR)))
                    .expectException(violation("last_owner"));
        }

        @Test
        void anotherOwnerLetsTheFirstOneLeave() {
            fixture.givenCommands(onboarding())
                    .andGivenCommands(new ChangeRoles(TEAM, EDITOR_ID, Set.of(OWNER, EDITOR)))
                    .when(new DeactivateStaff(TEAM, OWNER_ID))
                    .expectEvents(new StaffDeactivated(TEAM, ORG, OWNER_ID))
                    .expectState(team -> {
                        assertThat(team.activeOwners()).isEqualTo(1);
                        assertThat(team.isActive(EDITOR_ID)).isTrue();
                        assertThat(team.isActive(OWNER_ID)).isFalse();
                        assertThat(team.isApiKeyUsable(Team.ONBOARDING_KEY_ID)).isTrue();
                    });
        }

        @Test
        void theDepartedOwnersEmailCanJoinAgainAsANewMember() {
            fixture.givenCommands(onboarding())
                    .andGivenCommands(new ChangeRoles(TEAM, EDITOR_ID, Set.of(OWNER)),
                            new DeactivateStaff(TEAM, OWNER_ID))
                    .when(invite("u-owner-2", OWNER_EMAIL.toUpperCase(), null, Set.of(VIEWER)))
                    .expectEvents(invited("u-owner-2", OWNER_EMAIL, null, Set.of(VIEWER), "t-u-owner-2"));
        }
    }

    @Nested
    class Names {
        @Test
        void rolesAndScopesTravelInLowerCaseAndParseInAnyCase() {
            assertThat(StaffRole.OWNER.wireName()).isEqualTo("owner");
            assertThat(Arrays.stream(StaffRole.values()).map(StaffRole::wireName))
                    .containsExactly("owner", "admin", "editor", "agent", "viewer", "billing", "gate", "exhibitor");
            assertThat(StaffRole.parse("Billing")).isEqualTo(BILLING);
            assertThat(StaffRole.parse(" AGENT ")).isEqualTo(AGENT);
            assertThat(ApiKeyScope.WRITE.wireName()).isEqualTo("write");
            assertThat(ApiKeyScope.parse("Read")).isEqualTo(READ);
        }

        @Test
        void unknownNamesAreRuleViolations() {
            assertThatThrownBy(() -> StaffRole.parse("superuser"))
                    .isInstanceOfSatisfying(DomainRuleViolation.class, e -> assertThat(e.code()).isEqualTo("unknown_role"));
            assertThatThrownBy(() -> StaffRole.parse(null)).isInstanceOf(DomainRuleViolation.class);
            assertThatThrownBy(() -> ApiKeyScope.parse("admin"))
                    .isInstanceOfSatisfying(DomainRuleViolation.class, e -> assertThat(e.code()).isEqualTo("unknown_scope"));
        }

        @Test
        void teamIdsDeriveFromTheOrganization() {
            assertThat(TeamId.forOrganization("org-9")).isEqualTo("team-org-9");
            assertThat(TeamId.organizationOf("team-org-9")).isEqualTo("org-9");
        }
    }
}
