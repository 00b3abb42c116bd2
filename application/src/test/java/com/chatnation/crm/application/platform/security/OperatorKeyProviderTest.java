package com.chatnation.crm.application.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operator's sign-in form: the platform key opens the platform, wrong keys are counted per address and slowed. */
class OperatorKeyProviderTest {

    private static final String KEY = "the-platform-key-0123456789";

    private final List<String> failures = new ArrayList<>();
    private Duration wait;
    private final OperatorSignInThrottle throttle = new OperatorSignInThrottle() {
        @Override
        public Optional<Duration> waitBeforeOperatorSignIn(String clientAddress) {
            return Optional.ofNullable(wait);
        }

        @Override
        public void operatorSignInFailed(String clientAddress) {
            failures.add(clientAddress);
        }
    };
    private final OperatorKeyProvider provider = new OperatorKeyProvider(new PlatformKey(KEY, "unused"), throttle);

    @Test
    void thePlatformKeySignsInAsThePlatform() {
        Authentication signedIn = provider.authenticate(typed(KEY));
        assertThat(signedIn.getPrincipal()).isEqualTo(CrmPrincipal.platform());
        assertThat(signedIn.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly(Permission.PLATFORM.getAuthority());
        assertThat(signedIn.getCredentials()).as("the key is not kept").isNull();
        assertThat(failures).isEmpty();
    }

    @Test
    void aWrongKeyIsRefusedCountedForItsAddressAndNeverNamed() {
        String guess = KEY.substring(0, KEY.length() - 1) + "X";
        assertThatThrownBy(() -> provider.authenticate(typed(guess)))
                .isInstanceOf(BadCredentialsException.class)
                .satisfies(refused -> assertThat(refused.getMessage()).doesNotContain(guess).doesNotContain(KEY));
        assertThat(failures).containsExactly("10.1.2.3");
    }

    @Test
    void anEmptyFormIsRefusedWithoutCountingAsAGuess() {
        assertThatThrownBy(() -> provider.authenticate(typed(" "))).isInstanceOf(BadCredentialsException.class);
        assertThat(failures).isEmpty();
    }

    @Test
    void whileTheAddressIsThrottledEvenTheRightKeyWaits() {
        wait = Duration.ofSeconds(4);
        assertThatThrownBy(() -> provider.authenticate(typed(KEY)))
                .isInstanceOfSatisfying(OperatorKeyProvider.Throttled.class,
                        throttled -> assertThat(throttled.waitSeconds()).isEqualTo(4));
        assertThat(failures).as("a refused attempt is not looked at, so not counted").isEmpty();
    }

    private static UsernamePasswordAuthenticationToken typed(String key) {
        UsernamePasswordAuthenticationToken form = UsernamePasswordAuthenticationToken.unauthenticated("", key);
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("10.1.2.3");
        form.setDetails(new WebAuthenticationDetails(request));
        return form;
    }
}
