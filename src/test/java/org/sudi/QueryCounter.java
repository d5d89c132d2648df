package org.sudi;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;

/**
 * Counts the SQL statements the current thread prepares, by wrapping the DataSource: the way to
 * prove that loading a case costs a fixed number of queries, however many tasks it has.
 */
@TestConfiguration(proxyBeanMethods = false)
public class QueryCounter implements BeanPostProcessor {

	private static final ThreadLocal<AtomicInteger> COUNT = ThreadLocal.withInitial(AtomicInteger::new);

	public static void reset() {
		COUNT.get().set(0);
	}

	public static int count() {
		return COUNT.get().get();
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && !(Proxy.isProxyClass(bean.getClass()))) {
			// Closeable too, so that the pool is still closed when the context shuts down.
			return Proxy.newProxyInstance(getClass().getClassLoader(),
					new Class<?>[] { DataSource.class, java.io.Closeable.class },
					(proxy, method, args) -> {
						Object result = invoke(dataSource, method, args);
						return result instanceof Connection connection ? counting(connection) : result;
					});
		}
		return bean;
	}

	private static Connection counting(Connection connection) {
		return (Connection) Proxy.newProxyInstance(QueryCounter.class.getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, args) -> {
					String name = method.getName();
					if (name.equals("prepareStatement") || name.equals("createStatement")
							|| name.equals("prepareCall")) {
						COUNT.get().incrementAndGet();
					}
					return invoke(connection, method, args);
				});
	}

	private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException e) {
			throw e.getCause();
		}
	}
}
