package io.threadstats.aggregation;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import sun.misc.Unsafe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fields a stripe's writer updates on every value sit at least 128 bytes from either
 * end of the stripe object, whatever the JVM's field layout: the garbage collector copies
 * a bucket's stripes (and what they point to) next to each other, and two writers whose
 * fields shared a cache line took two to four times as long per value. The owner, which
 * other writers read on every value while looking for their own stripe, is as far from
 * them.
 */
class StripePaddingTests {

	private static final int PADDING = 128;

	@Test
	void histogramStripesArePadded() throws Exception {
		assertPadded(new HistogramBucket(0).newStripe());
	}

	@Test
	void distributionStripesArePadded() throws Exception {
		assertPadded(new DistributionValues.Stripe(new ChunkPool(100)));
	}

	@Test
	void setStripesArePadded() throws Exception {
		assertPadded(new SetBucket(0, 10).newStripe());
	}

	private static void assertPadded(Aggregate stripe) throws Exception {
		Unsafe unsafe = unsafe();
		List<Field> own = new ArrayList<>();
		long size = 0;
		for (Class<?> type = stripe.getClass(); type != Object.class; type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				if (Modifier.isStatic(field.getModifiers())) {
					continue;
				}
				size = Math.max(size, unsafe.objectFieldOffset(field) + bytes(field, unsafe));
				if (type != StripePadding.class && type != stripe.getClass()) {
					own.add(field);
				}
			}
		}
		assertThat(own).as("the stripe's own fields").isNotEmpty();
		long ownerEnd = unsafe.objectFieldOffset(StripePadding.class.getDeclaredField("owner")) + 8;
		for (Field field : own) {
			long offset = unsafe.objectFieldOffset(field);
			assertThat(offset).as("bytes before %s", field).isGreaterThanOrEqualTo(PADDING);
			assertThat(offset - ownerEnd).as("bytes between the owner and %s", field).isGreaterThanOrEqualTo(PADDING);
			assertThat(size - offset - bytes(field, unsafe)).as("bytes after %s", field)
				.isGreaterThanOrEqualTo(PADDING);
		}
	}

	private static long bytes(Field field, Unsafe unsafe) {
		Class<?> type = field.getType();
		if (!type.isPrimitive()) {
			return unsafe.arrayIndexScale(Object[].class);
		}
		if (type == long.class || type == double.class) {
			return 8;
		}
		if (type == int.class || type == float.class) {
			return 4;
		}
		return (type == short.class || type == char.class) ? 2 : 1;
	}

	private static Unsafe unsafe() throws ReflectiveOperationException {
		Field field = Unsafe.class.getDeclaredField("theUnsafe");
		field.setAccessible(true);
		return (Unsafe) field.get(null);
	}

}
