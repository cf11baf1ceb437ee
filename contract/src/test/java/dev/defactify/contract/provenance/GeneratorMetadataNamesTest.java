package dev.defactify.contract.provenance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The name-to-label mapping and the Automatic1111 settings line, on their own. */
class GeneratorMetadataNamesTest {

    @ParameterizedTest
    @CsvSource({
            "sd_xl_base_1.0.safetensors, sdxl",
            "sd_xl_refiner_1.0.safetensors, sdxl",
            "SDXL_Turbo_1.0.safetensors, sdxl",
            "checkpoints\\dreamshaper_sdxl.ckpt, sdxl",
            "sd3_medium.safetensors, sd3",
            "sd3_medium_incl_clips_t5xxlfp8.safetensors, sd3",
            "stable-diffusion-3-medium, sd3",
            "sd3, sd3",
            "sd3.5_large.safetensors, other-generator",
            "sd3.5_medium.safetensors, other-generator",
            "sd3_5_large_turbo.safetensors, other-generator",
            "stable-diffusion-3.5-large, other-generator",
            "v2-1_768-ema-pruned.ckpt, sd21",
            "v2-1_512-ema-pruned.safetensors, sd21",
            "sd21-unclip-h.ckpt, sd21",
            "stable-diffusion-2-1, sd21",
            "v1-5-pruned-emaonly.safetensors, other-generator",
            "flux1-dev.safetensors, other-generator",
            "SDXL/juggernautXL_v9.safetensors, other-generator",
            "sdxl_vs_sd21_merge.safetensors, other-generator",
            "31e35c80fc, other-generator",
    })
    void checkpointNames(String name, String label) {
        assertEquals(label, GeneratorNames.ofCheckpoint(name));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "Midjourney v6, midjourney6",
            "Midjourney 6.0, midjourney6",
            "Midjourney version 6, midjourney6",
            "Midjourney v6.1, other-generator",
            "Midjourney v5.2, other-generator",
            "Midjourney, other-generator",
            "DALL-E 3, dalle3",
            "DALL\u00b7E 3, dalle3",
            "dalle3, dalle3",
            "DALL-E 2, other-generator",
            "OpenAI DALL\u00b7E, other-generator",
            "Stable Diffusion XL, sdxl",
            "Stable Diffusion 3 Medium, sd3",
            "Stable Diffusion 3.5 Large, other-generator",
            "Stable Diffusion, other-generator",
            "ComfyUI, other-generator",
            "AUTOMATIC1111 stable-diffusion-webui, other-generator",
            "NovelAI, other-generator",
            "Adobe Firefly, other-generator",
            "Google Imagen 3, other-generator",
            "FLUX.1 [dev], other-generator",
            "Adobe Photoshop 25.0 (Windows), null",
            "GIMP 2.10.34, null",
            "Imagenomic Portraiture, null",
            "Firefly Photo Editor, null",
            "Flux Capacitor Camera, null",
            "Ver.1.00, null",
            "Canon EOS 350D DIGITAL Firmware 1.0.3, null",
    })
    void softwareNames(String name, String label) {
        assertEquals(label, GeneratorNames.ofSoftware(name));
    }

    @Test
    void settingsLineIsReadPairByPair() {
        String text = "a cat, best quality\nNegative prompt: blurry\nSteps: 30, Sampler: DPM++ 2M, CFG scale: 7,"
                + " Lora hashes: \"detail: 1a2b, style: 3c4d\", Model hash: 31e35c80fc, Model: sd_xl_base_1.0";
        Map<String, String> settings = A1111Parameters.settings(text);
        assertEquals("detail: 1a2b, style: 3c4d", settings.get("Lora hashes"));
        assertEquals("sd_xl_base_1.0", settings.get("Model"));
        assertEquals(Optional.of("sd_xl_base_1.0"), A1111Parameters.checkpoint(text));
    }

    @Test
    void onlyTheLastLineIsTheSettingsLine() {
        assertEquals(Optional.empty(), A1111Parameters.checkpoint("Steps: 20, Model: sdxl\nand then a prompt"));
        assertEquals(Optional.empty(), A1111Parameters.checkpoint(""));
        assertNull(A1111Parameters.settings("a cat").get("Model"));
    }
}
