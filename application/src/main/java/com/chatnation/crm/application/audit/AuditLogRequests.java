package com.chatnation.crm.application.audit;

import com.chatnation.crm.application.platform.web.DashboardRequests;

import java.util.regex.Pattern;

/**
 * The audit log's own filters; paging and dates follow {@link DashboardRequests}. Anything unusable is a 400
 * problem naming the parameter.
 */
final class AuditLogRequests {

    /** Event and aggregate names are Java class names: anything else cannot match and is a mistake. */
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private AuditLogRequests() {
    }

    /** An optional exact-match value, at most as long as its column; blank means no filter. */
    static String text(String name, String raw, int maxLength) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        if (value.length() > maxLength) {
            throw DashboardRequests.badRequest(name + " is longer than " + maxLength + " characters");
        }
        return value;
    }

    /** An optional event or aggregate name such as {@code SurveyPublished} or {@code Survey}. */
    static String typeName(String name, String raw, int maxLength, String example) {
        String value = text(name, raw, maxLength);
        if (value != null && !TYPE_NAME.matcher(value).matches()) {
            throw DashboardRequests.badRequest(name + " must be a name such as " + example + ", was '" + raw + "'");
        }
        return value;
    }
}
