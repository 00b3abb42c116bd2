package com.chatnation.crm.application.knowledge;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.springframework.stereotype.Component;

/**
 * Sentence embeddings computed in this process with the quantized all-MiniLM-L6-v2 model that ships inside its Maven
 * artifact: no network, no service to run, about 10 ms a sentence on one core. The model takes about three seconds to
 * load, so it is loaded on first use rather than holding up the start of a service that may never need it.
 */
@Component
class SentenceEmbeddings {

    static final String MODEL = "all-minilm-l6-v2-q";
    static final int DIMENSIONS = 384;

    private volatile EmbeddingModel model;

    float[] embed(String text) {
        return model().embed(text).content().vector();
    }

    private EmbeddingModel model() {
        EmbeddingModel loaded = model;
        if (loaded == null) {
            synchronized (this) {
                if (model == null) {
                    model = new AllMiniLmL6V2QuantizedEmbeddingModel();
                }
                loaded = model;
            }
        }
        return loaded;
    }
}
