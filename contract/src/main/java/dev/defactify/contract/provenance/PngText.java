package dev.defactify.contract.provenance;

/**
 * One PNG text chunk, located but not decoded.
 *
 * @param chunkType  {@code tEXt}, {@code zTXt} or {@code iTXt}
 * @param keyword    Latin-1, 1-79 characters
 * @param text       the stored bytes: Latin-1 for tEXt, UTF-8 for iTXt, zlib-compressed when {@code compressed}
 * @param compressed zTXt always, iTXt when its compression flag is set
 */
public record PngText(String chunkType, String keyword, byte[] text, boolean compressed) {
}
