package dev.cogalign.deploycheck.manifest;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields the fabric8 model did not recognise. Its classes keep every unknown field (and every
 * value of the wrong type) in {@code additionalProperties} instead of failing, so this walks the
 * parsed object through its getters and lists each such field with its path: a misspelt {@code
 * readinesProbe} shows as {@code spec.template.spec.containers[0].readinesProbe}.
 */
final class UnknownFields {

  private static final String MODEL_PACKAGE = "io.fabric8.";

  private UnknownFields() {}

  static List<String> of(Object object) {
    List<String> found = new ArrayList<>();
    walk(object, "", found);
    return found;
  }

  private static void walk(Object value, String path, List<String> found) {
    if (value == null) {
      return;
    }
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", found);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "[" + k + "]", found));
      return;
    }
    if (!value.getClass().getName().startsWith(MODEL_PACKAGE)) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (!isProperty(getter)) {
        continue;
      }
      Object child = invoke(getter, value);
      if (getter.getName().equals("getAdditionalProperties")) {
        if (child instanceof Map<?, ?> extra) {
          extra.keySet().forEach(k -> found.add(join(path, String.valueOf(k))));
        }
      } else {
        walk(child, join(path, property(getter)), found);
      }
    }
  }

  private static boolean isProperty(Method m) {
    return m.getParameterCount() == 0
        && !Modifier.isStatic(m.getModifiers())
        && m.getName().startsWith("get")
        && !m.getName().equals("getClass")
        && m.getDeclaringClass().getName().startsWith(MODEL_PACKAGE);
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + getter, e);
    }
  }

  private static String property(Method getter) {
    String name = getter.getName().substring(3);
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
