package dev.toolyard.identity;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * Draws a QR code on the server as a PNG {@code data:} URI: the console's CSP allows data images
 * but no script, and the enrolment secret must not leave for a third-party service.
 */
final class QrCodes {

    private static final int MODULE_PIXELS = 5;
    private static final int QUIET_ZONE_MODULES = 4;
    private static final int BLACK = 0x000000;
    private static final int WHITE = 0xffffff;

    private QrCodes() {
    }

    static String pngDataUri(String text) {
        try {
            var matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0));
            int modules = matrix.getWidth();
            int size = (modules + 2 * QUIET_ZONE_MODULES) * MODULE_PIXELS;
            var image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int moduleX = x / MODULE_PIXELS - QUIET_ZONE_MODULES;
                    int moduleY = y / MODULE_PIXELS - QUIET_ZONE_MODULES;
                    boolean dark = moduleX >= 0 && moduleY >= 0 && moduleX < modules && moduleY < modules
                            && matrix.get(moduleX, moduleY);
                    image.setRGB(x, y, dark ? BLACK : WHITE);
                }
            }
            var png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
        } catch (WriterException e) {
            throw new IllegalArgumentException("Too long for a QR code", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
