package org.sudi.triage.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * Binary persistence of a {@link TriageModel}: a magic header and version, then the feature
 * options, labels, vocabulary with IDF, and the weights, all written with
 * {@link DataOutputStream} inside a deflate stream. No Java serialization.
 */
public final class ModelCodec {
	private static final int MAGIC = 0x53545247; // "STRG"
	private static final int VERSION = 1;

	private ModelCodec() {
	}

	public static byte[] toBytes(TriageModel model) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		Deflater deflater = new Deflater(Deflater.BEST_SPEED);
		try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes, deflater, 1 << 16))) {
			out.writeInt(MAGIC);
			out.writeInt(VERSION);
			FeatureOptions o = model.vectorizer().options();
			out.writeInt(o.titleRepeat());
			out.writeInt(o.minWordLength());
			out.writeInt(o.charMinN());
			out.writeInt(o.charMaxN());
			out.writeDouble(o.wordWeight());
			out.writeDouble(o.charWeight());
			out.writeDouble(o.titleWordWeight());
			out.writeInt(o.minDf());
			out.writeInt(o.maxFeatures());
			out.writeDouble(model.scoreScale());

			String[] labels = model.labelArray();
			out.writeInt(labels.length);
			for (String label : labels) {
				out.writeUTF(label);
			}
			Vectorizer v = model.vectorizer();
			out.writeInt(v.dimension());
			for (String term : v.terms()) {
				out.writeUTF(term);
			}
			for (float idf : v.idf()) {
				out.writeFloat(idf);
			}
			LinearWeights w = model.weights();
			for (int l = 0; l < labels.length; l++) {
				out.writeFloat(w.b()[l]);
				for (float value : w.w()[l]) {
					out.writeFloat(value);
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} finally {
			deflater.end();
		}
		return bytes.toByteArray();
	}

	public static TriageModel fromBytes(byte[] data) throws IOException {
		try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(data), new java.util.zip.Inflater(), 1 << 16))) {
			if (in.readInt() != MAGIC) {
				throw new IOException("not a triage model");
			}
			int version = in.readInt();
			if (version != VERSION) {
				throw new IOException("unsupported triage model version " + version);
			}
			FeatureOptions o = new FeatureOptions(in.readInt(), in.readInt(), in.readInt(), in.readInt(),
					in.readDouble(), in.readDouble(), in.readDouble(), in.readInt(), in.readInt());
			double scoreScale = in.readDouble();
			String[] labels = new String[in.readInt()];
			for (int l = 0; l < labels.length; l++) {
				labels[l] = in.readUTF();
			}
			int dimension = in.readInt();
			String[] terms = new String[dimension];
			for (int j = 0; j < dimension; j++) {
				terms[j] = in.readUTF();
			}
			float[] idf = new float[dimension];
			for (int j = 0; j < dimension; j++) {
				idf[j] = in.readFloat();
			}
			float[][] w = new float[labels.length][dimension];
			float[] b = new float[labels.length];
			for (int l = 0; l < labels.length; l++) {
				b[l] = in.readFloat();
				for (int j = 0; j < dimension; j++) {
					w[l][j] = in.readFloat();
				}
			}
			return new TriageModel(new Vectorizer(o, terms, idf), labels, new LinearWeights(w, b), scoreScale);
		}
	}
}
