package dev.nabla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Device strings, dtype promotion and the host-side generator. */
class DeviceAndDTypeTest {

    @Test
    void parseDevices() {
        assertEquals(Device.CPU, Device.parse("cpu"));
        assertEquals(Device.CPU, Device.parse(" CPU "));
        assertEquals(Device.cuda(0), Device.parse("cuda"));
        assertEquals(Device.cuda(3), Device.parse("cuda:3"));
        assertEquals("cuda:3", Device.cuda(3).toString());
        assertEquals("cpu", Device.CPU.toString());
        for (String bad : new String[] {"gpu", "cuda:", "cuda:x", "", "cuda:-1"}) {
            assertThrows(IllegalArgumentException.class, () -> Device.parse(bad), bad);
        }
        assertEquals("Device.parse: unknown device 'tpu' (expected cpu, cuda or cuda:N)",
                assertThrows(IllegalArgumentException.class, () -> Device.parse("tpu")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Device(DeviceType.CPU, 1));
    }

    @Test
    void promotion() {
        assertEquals(DType.FLOAT64, DType.promote(DType.FLOAT32, DType.FLOAT64));
        assertEquals(DType.FLOAT32, DType.promote(DType.INT64, DType.FLOAT32));
        assertEquals(DType.INT64, DType.promote(DType.INT64, DType.INT64));
        assertEquals("float32", DType.FLOAT32.id());
        assertEquals(8, DType.INT64.byteSize());
    }

    @Test
    void generatorCountersAdvance() {
        Generator g = new Generator(5);
        assertEquals(0, g.advance(10));
        assertEquals(10, g.offset());
        double first = g.nextDouble();
        g.setOffset(10);
        assertEquals(first, g.nextDouble(), "(seed, offset) is the whole state");
        for (int i = 0; i < 1000; i++) {
            int k = g.nextInt(7);
            assertEquals(k, Math.max(0, Math.min(6, k)));
        }
        assertThrows(IllegalArgumentException.class, () -> g.nextInt(0));
        assertThrows(IllegalArgumentException.class, () -> g.setOffset(-1));
    }
}
