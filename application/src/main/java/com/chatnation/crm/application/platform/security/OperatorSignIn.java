package com.chatnation.crm.application.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

import java.time.Duration;
import java.util.Optional;

/**
 * What the platform operator's sign-in form leads to. Success: the session (already given a new id by Spring
 * Security's session fixation protection) ends after {@link #IDLE_TIMEOUT} without a request, far sooner than a
 * staff member's, since it opens every organization's figures, and the browser goes to the analytics page. Failure:
 * the form is shown again at once, with 401 (or 429 while the address is throttled) and a message that says
 * nothing about the key typed.
 */
public final class OperatorSignIn {

    static final String LOGIN_PAGE = "/operator/login";
    static final String LOGOUT = "/operator/logout";
    static final String HOME = "/operator/analytics";
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

    private static final String REFUSAL = OperatorSignIn.class.getName() + ".refusal";

    /** Why the sign-in form is shown again. */
    public enum Refusal {
        WRONG_KEY, THROTTLED
    }

    private OperatorSignIn() {
    }

    /** Why the form the sign-in page is rendering was refused, when it is shown again after a failed attempt. */
    public static Optional<Refusal> refusal(HttpServletRequest request) {
        return request.getAttribute(REFUSAL) instanceof Refusal refusal ? Optional.of(refusal) : Optional.empty();
    }

    static AuthenticationSuccessHandler signedIn() {
        return (request, response, authentication) -> {
            HttpSession session = request.getSession();
            session.setMaxInactiveInterval((int) IDLE_TIMEOUT.toSeconds());
            response.sendRedirect(request.getContextPath() + HOME);
        };
    }

    /**
     * Renders the sign-in page in this response rather than redirecting, so the refusal carries its status. The page
     * is reached as a GET: a forwarded POST to the same path would be taken for another sign-in attempt.
     */
    static AuthenticationFailureHandler refused() {
        return (request, response, failure) -> {
            Refusal refusal = failure instanceof OperatorKeyProvider.Throttled ? Refusal.THROTTLED : Refusal.WRONG_KEY;
            if (failure instanceof OperatorKeyProvider.Throttled throttled) {
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(throttled.waitSeconds()));
            }
            response.setStatus(status(refusal));
            request.setAttribute(REFUSAL, refusal);
            request.getRequestDispatcher(LOGIN_PAGE).forward(new AsGet(request), response);
        };
    }

    /** The status a refused sign-in answers with. */
    public static int status(Refusal refusal) {
        return (refusal == Refusal.THROTTLED ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.UNAUTHORIZED).value();
    }

    private static final class AsGet extends HttpServletRequestWrapper {
        AsGet(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return "GET";
        }
    }
}
