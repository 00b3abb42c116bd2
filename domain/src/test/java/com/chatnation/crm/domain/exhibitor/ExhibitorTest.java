package com.chatnation.crm.domain.exhibitor;

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

import java.time.Instant;

/** An exhibitor: its booth code, details, products (one WhatsApp list of them) and the staff reading its leads. */
class ExhibitorTest {

    private static final String ORG = "org-1";
    private static final String EXH = "exh-1";
    private static final String EVENT = "ev-1";
    private static final Instant AT = Instant.parse("2030-04-01T09:00:00Z");

    private AggregateTestFixture<Exhibitor> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Exhibitor.class);
    }

    private static ExhibitorAdded added() {
        return new ExhibitorAdded(EXH, ORG, EVENT, "CloudTech Ltd", "A15", null, AT);
    }

    private static ExhibitorProductAdded product(String id, String name) {
        return new ExhibitorProductAdded(EXH, ORG, EVENT, id, name, null, AT);
    }

    static Matcher<DomainRuleViolation> violation(String code) {
        return new CustomTypeSafeMatcher<>("DomainRuleViolation with code '" + code + "'") {
            @Override
            protected boolean matchesSafely(DomainRuleViolation item) {
                return code.equals(item.code());
            }
        };
    }

    @Nested
    class Adding {

        @Test
        void anExhibitorIsAddedWithItsBoothCodeInUpperCase() {
            fixture.givenNoPriorActivity()
                    .when(new AddExhibitor(EXH, ORG, EVENT, "  CloudTech Ltd ", " a15 ", "  ", AT))
                    .expectEvents(added());
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"  ", "A 15", "A15!", "-A15", "ABCDEFGHIJK"})
        void aBoothCodeIsOneToTenLettersDigitsOrDashes(String code) {
            fixture.givenNoPriorActivity()
                    .when(new AddExhibitor(EXH, ORG, EVENT, "CloudTech Ltd", code, null, AT))
                    .expectNoEvents()
                    .expectException(violation("invalid_booth_code"));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "Cloud\nTech"})
        void aCompanyNameIsPrintableAndNotBlank(String name) {
            fixture.givenNoPriorActivity()
                    .when(new AddExhibitor(EXH, ORG, EVENT, name, "A15", null, AT))
                    .expectException(violation("invalid_company_name"));
        }

        @Test
        void aCompanyNameOfMoreThan120CharactersIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(new AddExhibitor(EXH, ORG, EVENT, "x".repeat(121), "A15", null, AT))
                    .expectException(violation("invalid_company_name"));
        }

        @Test
        void anExhibitorBelongsToAnEvent() {
            fixture.givenNoPriorActivity()
                    .when(new AddExhibitor(EXH, ORG, " ", "CloudTech Ltd", "A15", null, AT))
                    .expectException(DomainRuleViolation.class);
        }

        @Test
        void aDescriptionOfMoreThan1000CharactersIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(new AddExhibitor(EXH, ORG, EVENT, "CloudTech Ltd", "A15", "x".repeat(1001), AT))
                    .expectException(violation("invalid_description"));
        }
    }

    @Nested
    class Changing {

        @Test
        void newDetailsAreRecordedWithTheEvent() {
            fixture.given(added())
                    .when(new ChangeExhibitor(EXH, ORG, "CloudTech", "b2", "Servers", AT))
                    .expectEvents(new ExhibitorChanged(EXH, ORG, EVENT, "CloudTech", "B2", "Servers", AT));
        }

        @Test
        void theSameDetailsChangeNothing() {
            fixture.given(added())
                    .when(new ChangeExhibitor(EXH, ORG, "CloudTech Ltd", "a15", null, AT))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void anotherOrganizationsExhibitorIsNotFound() {
            fixture.given(added())
                    .when(new ChangeExhibitor(EXH, "org-2", "Mine now", "A15", null, AT))
                    .expectException(violation("not_found"));
        }
    }

    @Nested
    class Products {

        @Test
        void aProductIsAdded() {
            fixture.given(added())
                    .when(new AddExhibitorProduct(EXH, ORG, "p-1", " Cloud Server ", "VMs", AT))
                    .expectEvents(new ExhibitorProductAdded(EXH, ORG, EVENT, "p-1", "Cloud Server", "VMs", AT));
        }

        @Test
        void twoProductsOfTheSameNameAreRefused() {
            fixture.given(added(), product("p-1", "Cloud Server"))
                    .when(new AddExhibitorProduct(EXH, ORG, "p-2", "cloud server", null, AT))
                    .expectException(violation("duplicate_product"));
        }

        @Test
        void theSameProductIdTwiceIsRefused() {
            fixture.given(added(), product("p-1", "Cloud Server"))
                    .when(new AddExhibitorProduct(EXH, ORG, "p-1", "CDN", null, AT))
                    .expectException(violation("duplicate_product"));
        }

        @Test
        void atMostNineProductsFitTheList() {
            fixture.given(added(), product("p-1", "1"), product("p-2", "2"), product("p-3", "3"), product("p-4", "4"),
                            product("p-5", "5"), product("p-6", "6"), product("p-7", "7"), product("p-8", "8"),
                            product("p-9", "9"))
                    .when(new AddExhibitorProduct(EXH, ORG, "p-10", "10", null, AT))
                    .expectException(violation("too_many_products"));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"  ", "a product name that is longer than sixty characters, which is too long"})
        void aProductNameIsOneToSixtyCharacters(String name) {
            fixture.given(added())
                    .when(new AddExhibitorProduct(EXH, ORG, "p-1", name, null, AT))
                    .expectException(violation("invalid_product_name"));
        }

        @Test
        void aProductIsRemovedAndItsPlaceFreed() {
            fixture.given(added(), product("p-1", "Cloud Server"))
                    .when(new RemoveExhibitorProduct(EXH, ORG, "p-1", AT))
                    .expectEvents(new ExhibitorProductRemoved(EXH, ORG, "p-1", AT));
            fixture.given(added(), product("p-1", "Cloud Server"), new ExhibitorProductRemoved(EXH, ORG, "p-1", AT))
                    .when(new AddExhibitorProduct(EXH, ORG, "p-2", "Cloud Server", null, AT))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void removingAProductItDoesNotHaveIsNotFound() {
            fixture.given(added())
                    .when(new RemoveExhibitorProduct(EXH, ORG, "p-9", AT))
                    .expectException(violation("not_found"));
        }

        @Test
        void anotherOrganizationCannotAddProducts() {
            fixture.given(added())
                    .when(new AddExhibitorProduct(EXH, "org-2", "p-1", "Cloud Server", null, AT))
                    .expectException(violation("not_found"));
        }
    }

    @Nested
    class Staff {

        @Test
        void aMemberIsAssignedOnce() {
            fixture.given(added())
                    .when(new AssignExhibitorStaff(EXH, ORG, "user-1", AT))
                    .expectEvents(new ExhibitorStaffAssigned(EXH, ORG, "user-1", AT));
            fixture.given(added(), new ExhibitorStaffAssigned(EXH, ORG, "user-1", AT))
                    .when(new AssignExhibitorStaff(EXH, ORG, "user-1", AT))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void anAssignedMemberIsUnassignedAndAnUnassignedOneChangesNothing() {
            fixture.given(added(), new ExhibitorStaffAssigned(EXH, ORG, "user-1", AT))
                    .when(new UnassignExhibitorStaff(EXH, ORG, "user-1", AT))
                    .expectEvents(new ExhibitorStaffUnassigned(EXH, ORG, "user-1", AT));
            fixture.given(added())
                    .when(new UnassignExhibitorStaff(EXH, ORG, "user-1", AT))
                    .expectNoEvents();
        }

        @Test
        void anotherOrganizationCannotAssignItsMembers() {
            fixture.given(added())
                    .when(new AssignExhibitorStaff(EXH, "org-2", "user-9", AT))
                    .expectException(violation("not_found"));
        }
    }
}
