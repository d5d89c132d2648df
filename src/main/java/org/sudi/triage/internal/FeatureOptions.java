package org.sudi.triage.internal;

/**
 * How raw text becomes weighted terms and how the terms become a vector.
 *
 * <p>Three blocks of terms are produced, each L2-normalised on its own and then mixed with
 * its block weight (a block with weight 0 is not extracted at all):
 * <ul>
 *   <li>{@code w:} HanLP words of title and text (stop words, punctuation, numbers dropped),</li>
 *   <li>{@code c:} character n-grams ({@code charMinN..charMaxN}) inside runs of Han characters,</li>
 *   <li>{@code t:} HanLP words of the title only (the title is the densest statement of the topic).</li>
 * </ul>
 * In the {@code w:} and {@code c:} blocks the title is counted {@code titleRepeat} times and
 * the text once.
 *
 * @param titleRepeat      how often title terms are counted in the w/c blocks (>= 1)
 * @param minWordLength    shorter HanLP words are ignored in the w/t blocks
 * @param charMinN         smallest character n-gram
 * @param charMaxN         largest character n-gram
 * @param wordWeight       weight of the w block
 * @param charWeight       weight of the c block
 * @param titleWordWeight  weight of the t block
 * @param minDf            a term must occur in at least this many training documents
 * @param maxFeatures      keep at most this many terms (most frequent in training first)
 */
public record FeatureOptions(int titleRepeat, int minWordLength, int charMinN, int charMaxN,
							 double wordWeight, double charWeight, double titleWordWeight,
							 int minDf, int maxFeatures) {

	public static final char WORD_BLOCK = 'w';
	public static final char CHAR_BLOCK = 'c';
	public static final char TITLE_BLOCK = 't';

	public FeatureOptions {
		if (titleRepeat < 1 || minWordLength < 1 || charMinN < 1 || charMaxN < charMinN
				|| minDf < 1 || maxFeatures < 1) {
			throw new IllegalArgumentException("bad feature options");
		}
	}

	public static FeatureOptions defaults() {
		return new FeatureOptions(2, 1, 1, 3, 1.0, 1.0, 0.5, 1, 300_000);
	}

	public double blockWeight(char block) {
		return switch (block) {
			case WORD_BLOCK -> wordWeight;
			case CHAR_BLOCK -> charWeight;
			case TITLE_BLOCK -> titleWordWeight;
			default -> 0.0;
		};
	}

	public FeatureOptions withTitleRepeat(int v) {
		return new FeatureOptions(v, minWordLength, charMinN, charMaxN, wordWeight, charWeight, titleWordWeight, minDf, maxFeatures);
	}

	public FeatureOptions withMinWordLength(int v) {
		return new FeatureOptions(titleRepeat, v, charMinN, charMaxN, wordWeight, charWeight, titleWordWeight, minDf, maxFeatures);
	}

	public FeatureOptions withCharRange(int min, int max) {
		return new FeatureOptions(titleRepeat, minWordLength, min, max, wordWeight, charWeight, titleWordWeight, minDf, maxFeatures);
	}

	public FeatureOptions withBlockWeights(double word, double chars, double titleWord) {
		return new FeatureOptions(titleRepeat, minWordLength, charMinN, charMaxN, word, chars, titleWord, minDf, maxFeatures);
	}

	public FeatureOptions withVocabularyLimits(int minDocFreq, int max) {
		return new FeatureOptions(titleRepeat, minWordLength, charMinN, charMaxN, wordWeight, charWeight, titleWordWeight, minDocFreq, max);
	}
}
