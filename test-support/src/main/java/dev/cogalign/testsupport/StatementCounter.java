package dev.cogalign.testsupport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements sent through a {@link DataSource}: every statement prepared, created or
 * called on one of its connections, whichever thread sends it. Wrap a service's data source with
 * {@link #wrap} and read {@link #count()} around a request to know how many queries it cost.
 */
public final class StatementCounter {
  private static final Set<String> STATEMENTS =
      Set.of("prepareStatement", "createStatement", "prepareCall");

  private final AtomicLong statements = new AtomicLong();

  /** Statements sent so far. */
  public long count() {
    return statements.get();
  }

  /** The statements {@code action} sent. */
  public long during(Runnable action) {
    long before = count();
    action.run();
    return count() - before;
  }

  /**
   * A bean post-processor that wraps every {@link DataSource} of a Spring context with {@link
   * #wrap}: declare it as a static {@code @Bean} of a test's {@code @TestConfiguration}.
   */
  public BeanPostProcessor wrappingEveryDataSource() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        return bean instanceof DataSource dataSource ? wrap(dataSource) : bean;
      }
    };
  }

  /** {@code target}, its connections counting their statements here; it unwraps to the target. */
  public DataSource wrap(DataSource target) {
    return proxy(
        DataSource.class,
        target,
        (proxy, method, args) -> {
          Object result = invoke(method, target, args);
          return result instanceof Connection connection ? counting(connection) : result;
        });
  }

  private Connection counting(Connection target) {
    return proxy(
        Connection.class,
        target,
        (proxy, method, args) -> {
          if (STATEMENTS.contains(method.getName())) {
            statements.incrementAndGet();
          }
          return invoke(method, target, args);
        });
  }

  private static <T> T proxy(Class<T> type, T target, InvocationHandler handler) {
    return type.cast(
        Proxy.newProxyInstance(
            StatementCounter.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
