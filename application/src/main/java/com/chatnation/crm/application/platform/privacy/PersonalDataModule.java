package com.chatnation.crm.application.platform.privacy;

import com.chatnation.crm.domain.privacy.PersonalData;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.util.Optional;

/**
 * Seals every {@link PersonalData} member when an event or snapshot is written and opens it when it is read. A
 * member is written as its own JSON, sealed with the key of the contact named by the owner's
 * {@link com.chatnation.crm.domain.privacy.DataSubject} member; read back, a value whose key is gone is
 * {@code null}, and an unsealed value (written before sealing existed) is read as it is.
 *
 * <p>It belongs to the serializers of the event store, the snapshots and the domain-event topic only
 * ({@link EventJson}), not to the web layer's mapper.
 */
final class PersonalDataModule extends SimpleModule {

    private final transient ContactKeys keys;
    private transient ObjectMapper owner;

    /** @param keys the contacts' keys; {@code null} for a mapper that reads every sealed value as erased */
    PersonalDataModule(ContactKeys keys) {
        super("personal-data", Version.unknownVersion());
        this.keys = keys;
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        owner = context.getOwner();
        context.insertAnnotationIntrospector(new NopAnnotationIntrospector() {
            @Override
            public Object findSerializer(Annotated member) {
                PersonalData personal = member.getAnnotation(PersonalData.class);
                return personal == null ? null : new SealingSerializer(personal.messageText(), null);
            }

            @Override
            public Object findDeserializer(Annotated member) {
                return member.hasAnnotation(PersonalData.class) ? new OpeningDeserializer(null) : null;
            }
        });
    }

    @Override
    public Object getTypeId() {
        return PersonalDataModule.class.getName();
    }

    private final class SealingSerializer extends JsonSerializer<Object> implements ContextualSerializer {
        private final boolean messageText;
        private final JavaType type;

        SealingSerializer(boolean messageText, JavaType type) {
            this.messageText = messageText;
            this.type = type;
        }

        @Override
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property) {
            return new SealingSerializer(messageText, property == null ? null : property.getType());
        }

        /** A polymorphic member's type id goes inside the sealed JSON ({@code writerFor} its declared type). */
        @Override
        public void serializeWithType(Object value, JsonGenerator generator, SerializerProvider provider,
                                      TypeSerializer typeSerializer) throws IOException {
            serialize(value, generator, provider);
        }

        @Override
        public void serialize(Object value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            Object holder = generator.currentValue();
            String contactId = holder == null ? null : DataSubjects.contactId(holder);
            if (contactId == null) {
                // Only history written before contacts had ids names none (republished, or parked as a dead
                // letter): it was never sealed and is passed on as it was. New events always name their contact,
                // which a test checks for every event type with personal data.
                provider.findTypedValueSerializer(type == null ? provider.constructType(value.getClass()) : type, true,
                        null).serialize(value, generator, provider);
                return;
            }
            if (keys == null) {
                throw new IllegalStateException("this history mapper has no keys: it reads sealed values, never seals");
            }
            String keyId = keys.keyIdFor(contactId, messageText);
            SecretKey key = keys.sealingKey(keyId, contactId, DataSubjects.organizationId(holder));
            byte[] json = type == null ? owner.writeValueAsBytes(value) : owner.writerFor(type).writeValueAsBytes(value);
            generator.writeString(new SealedValue(keyId, Sealing.seal(key, json, SealedValue.associatedData(keyId))).text());
        }
    }

    private final class OpeningDeserializer extends JsonDeserializer<Object> implements ContextualDeserializer {
        private final JavaType type;

        OpeningDeserializer(JavaType type) {
            this.type = type;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            return new OpeningDeserializer(property == null ? context.getContextualType() : property.getType());
        }

        @Override
        public Object deserializeWithType(JsonParser parser, DeserializationContext context,
                                          TypeDeserializer typeDeserializer) throws IOException {
            return deserialize(parser, context);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_STRING && SealedValue.looksSealed(parser.getText())) {
                SealedValue sealed = SealedValue.parse(parser.getText());
                Optional<SecretKey> key = keys == null ? Optional.empty() : keys.openingKey(sealed.keyId());
                if (key.isEmpty()) {
                    return null; // erased, or past the organization's retention: the value is gone for good
                }
                byte[] json = Sealing.open(key.get(), sealed.sealed(), SealedValue.associatedData(sealed.keyId()));
                return owner.readerFor(type).readValue(json);
            }
            return context.readValue(parser, type);
        }
    }
}
