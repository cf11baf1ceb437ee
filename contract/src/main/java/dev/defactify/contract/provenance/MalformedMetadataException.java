package dev.defactify.contract.provenance;

/** A metadata block that cannot be read as what it claims to be; its message is fit for an API answer. */
public final class MalformedMetadataException extends Exception {
    public MalformedMetadataException(String message) {
        super(message);
    }
}
