package org.sudi.triage.internal;


import org.sudi.catalog.DutyItem;

/**
 * The documents the two models learn from — the category model (labels: category codes) and the
 * unit model (labels: unit ids) — the same way for the running platform and for the evaluation
 * command: history entries count fully, duty-list items as weaker documents, so that the models
 * work from day one and improve with history.
 */
final class TrainingSet {

	/** Weight of a duty-list item against one real labelled request. */
	static final double DUTY_WEIGHT = 0.5;

	private final TextClassifier.Builder categories;
	private final TextClassifier.Builder units;

	TrainingSet() {
		this(FeatureOptions.defaults(), TrainOptions.defaults());
	}

	TrainingSet(FeatureOptions features, TrainOptions training) {
		categories = TextClassifier.builder(features, training);
		units = TextClassifier.builder(features, training);
	}

	record Models(TriageModel categories, TriageModel units) {
	}

	TrainingSet background(DocumentFrequencies frequencies) {
		categories.background(frequencies);
		units.background(frequencies);
		return this;
	}

	void addDuty(DutyItem duty) {
		String keywords = String.join(" ", duty.keywords());
		for (String code : duty.categoryCodes()) {
			addWeakCategory(duty.title(), keywords, code, DUTY_WEIGHT);
		}
		units.add(duty.title(), keywords, Long.toString(duty.orgId()), DUTY_WEIGHT);
	}

	void addHistory(TriageHistory.Entry entry) {
		if (entry.categoryCode() != null && !entry.categoryCode().isBlank()) {
			categories.add(entry.title(), entry.text(), entry.categoryCode(), 1.0);
		}
		if (entry.orgId() != null) {
			units.add(entry.title(), entry.text(), Long.toString(entry.orgId()), 1.0);
		}
	}

	/** A weak document for the category model: a duty item, or a node of an official category tree. */
	void addWeakCategory(String title, String text, String categoryCode, double weight) {
		categories.add(title, text, categoryCode, weight);
	}

	int categoryDocuments() {
		return categories.size();
	}

	int unitDocuments() {
		return units.size();
	}

	/** Builds both models; a model without documents is null. */
	Models build() {
		return new Models(categories.size() == 0 ? null : categories.build(), units.size() == 0 ? null : units.build());
	}

}
