package io.dgxmon.deploy.render;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Renders the FreeMarker templates of the repository's {@code templates/} (packaged into the jar). */
public final class TemplateRenderer {
  private final Configuration freemarker;

  public TemplateRenderer() {
    freemarker = new Configuration(Configuration.VERSION_2_3_33);
    freemarker.setClassForTemplateLoading(TemplateRenderer.class, "/templates");
    freemarker.setDefaultEncoding("UTF-8");
    freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    freemarker.setLogTemplateExceptions(false);
    freemarker.setWrapUncheckedExceptions(true);
    freemarker.setFallbackOnNullLoopVariable(false);
  }

  /** Renders {@code name} (relative to templates/, without .ftl) with {@code model}. */
  public byte[] render(String name, Map<String, Object> model) {
    try {
      Template template = freemarker.getTemplate(name + ".ftl");
      StringWriter out = new StringWriter();
      template.process(model, out);
      return out.toString().getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("template " + name + ": " + e.getMessage(), e);
    } catch (TemplateException e) {
      throw new IllegalStateException("template " + name + ": " + e.getMessage(), e);
    }
  }
}
