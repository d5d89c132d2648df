package org.sudi.casework.domain;

import java.time.Instant;

import org.sudi.casework.Rating;

/** The judgement of one round's result. */
public record Evaluation(int round, Rating rating, String comment, String byUsername, Long byOrgId, Instant at) {
}
