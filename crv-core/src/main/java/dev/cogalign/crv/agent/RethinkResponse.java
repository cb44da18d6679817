package dev.cogalign.crv.agent;

/** The rewritten CoT; origin is EXTENDED or SIMPLIFIED. */
public record RethinkResponse(String cot, RevisionOrigin origin, AgentCall call) {}
