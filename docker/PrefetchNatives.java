import ai.djl.engine.Engine;
import java.util.List;

/**
 * Run once at image build time (java source-file mode, the service's jars on the class path, with
 * DJL_CACHE_DIR set) to unpack DJL's native libraries into the cache folder the image ships:
 * {@code pytorch} loads the PyTorch engine (libtorch from pytorch-native-cpu and its JNI from
 * pytorch-jni), {@code tokenizers} the Hugging Face tokenizers library. At run time DJL finds them
 * there and writes nothing, so the container's root file system can be read-only.
 */
public class PrefetchNatives {
  public static void main(String[] args) {
    List<String> what = List.of(args);
    if (what.isEmpty()) {
      throw new IllegalArgumentException("usage: PrefetchNatives [pytorch] [tokenizers]");
    }
    if (what.contains("pytorch")) {
      Engine engine = Engine.getEngine("PyTorch");
      System.out.println(
          "PyTorch " + engine.getVersion() + " in " + ai.djl.pytorch.jni.LibUtils.getLibtorchPath());
    }
    if (what.contains("tokenizers")) {
      ai.djl.huggingface.tokenizers.jni.LibUtils.checkStatus();
      System.out.println("Hugging Face tokenizers unpacked");
    }
  }
}
