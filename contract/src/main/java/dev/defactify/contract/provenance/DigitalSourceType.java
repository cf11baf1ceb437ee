package dev.defactify.contract.provenance;

import java.util.Arrays;
import java.util.Optional;

/**
 * The IPTC NewsCodes digital source types (https://cv.iptc.org/newscodes/digitalsourcetype/), the vocabulary both
 * XMP's {@code Iptc4xmpExt:DigitalSourceType} and C2PA actions' {@code digitalSourceType} use.
 */
public enum DigitalSourceType {
    DIGITAL_CAPTURE("digitalCapture", Kind.CAPTURE),
    COMPUTATIONAL_CAPTURE("computationalCapture", Kind.CAPTURE),
    NEGATIVE_FILM("negativeFilm", Kind.CAPTURE),
    POSITIVE_FILM("positiveFilm", Kind.CAPTURE),
    PRINT("print", Kind.CAPTURE),
    MINOR_HUMAN_EDITS("minorHumanEdits", Kind.EDITED),
    HUMAN_EDITS("humanEdits", Kind.EDITED),
    ALGORITHMICALLY_ENHANCED("algorithmicallyEnhanced", Kind.EDITED),
    COMPOSITE_CAPTURE("compositeCapture", Kind.COMPOSITE),
    COMPOSITE("composite", Kind.COMPOSITE),
    COMPOSITE_SYNTHETIC("compositeSynthetic", Kind.SYNTHETIC),
    SCREEN_CAPTURE("screenCapture", Kind.SYNTHETIC),
    VIRTUAL_RECORDING("virtualRecording", Kind.SYNTHETIC),
    DIGITAL_CREATION("digitalCreation", Kind.SYNTHETIC),
    DIGITAL_ART("digitalArt", Kind.SYNTHETIC),
    DATA_DRIVEN_MEDIA("dataDrivenMedia", Kind.SYNTHETIC),
    ALGORITHMIC_MEDIA("algorithmicMedia", Kind.SYNTHETIC),
    TRAINED_ALGORITHMIC_MEDIA("trainedAlgorithmicMedia", Kind.GENERATIVE),
    COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA("compositeWithTrainedAlgorithmicMedia", Kind.GENERATIVE);

    /** What a code says about how the pixels came to be. */
    public enum Kind {
        /** Sampled from the real world by a camera or scanner. */
        CAPTURE,
        /** A capture, edited. */
        EDITED,
        /** Put together from several captures. */
        COMPOSITE,
        /** Made by software without a trained model (rendering, drawing, screenshots). */
        SYNTHETIC,
        /** Made wholly or partly by a trained generative model: what this project calls AI-generated. */
        GENERATIVE
    }

    private static final String VOCABULARY = "digitalsourcetype/";

    private final String code;
    private final Kind kind;

    DigitalSourceType(String code, Kind kind) {
        this.code = code;
        this.kind = kind;
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Reads a code as written: the full URI ({@code http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia},
     * http or https) or the bare code.
     */
    public static Optional<DigitalSourceType> of(String written) {
        if (written == null) {
            return Optional.empty();
        }
        String trimmed = written.trim();
        int at = trimmed.lastIndexOf(VOCABULARY);
        String code = at >= 0 ? trimmed.substring(at + VOCABULARY.length()) : trimmed;
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
