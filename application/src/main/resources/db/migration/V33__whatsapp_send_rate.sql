-- One row per sending WhatsApp number: the send cap's bucket, shared by every instance of the service (a generic
-- cell rate algorithm's theoretical arrival time, in microseconds of the database's clock), and the number's
-- messaging tier when the platform operator set one (NULL: crm.whatsapp.messages-per-second).
CREATE TABLE whatsapp_send_rate (
    phone_number_id        VARCHAR(64)      PRIMARY KEY,
    theoretical_arrival_us BIGINT           NOT NULL,
    messages_per_second    DOUBLE PRECISION CHECK (messages_per_second > 0 AND messages_per_second <= 1000)
);
