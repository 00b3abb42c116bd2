package com.chatnation.crm.projections.audit;

import java.util.List;
import java.util.Set;

/**
 * The Axon message metadata that says who did something: put on administrative commands when they are dispatched,
 * copied from a command to the events it causes, and read back by {@link AuditLogProjection}. These keys are the
 * whole contract between the two sides.
 */
public final class AuditMetaData {

    /** Who acted: {@value #USER}, {@value #API_KEY} or {@value #PLATFORM}. */
    public static final String ACTOR_TYPE = "actorType";
    /** The user id, the API key id, or {@value #PLATFORM}. */
    public static final String ACTOR_ID = "actorId";
    /** The client's IP address; absent when the action did not come over HTTP. */
    public static final String ACTOR_ADDRESS = "actorAddress";
    /** The organization the action is about; absent for platform-wide actions or when the event names it. */
    public static final String ORGANIZATION_ID = "organizationId";

    /** Every key, in the order above. */
    public static final List<String> KEYS = List.of(ACTOR_TYPE, ACTOR_ID, ACTOR_ADDRESS, ORGANIZATION_ID);

    public static final String USER = "user";
    public static final String API_KEY = "api_key";
    public static final String PLATFORM = "platform";

    public static final Set<String> ACTOR_TYPES = Set.of(USER, API_KEY, PLATFORM);

    private AuditMetaData() {
    }
}
