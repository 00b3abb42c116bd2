-- One row per sending WhatsApp number: the send cap's bucket, shared by every instance of the service (a generic
-- cell rate algorithm's theoretical arrival time, in microseconds of the database's clock).
CREATE TABLE whatsapp_send_rate (
    phone_number_id        VARCHAR(64) PRIMARY KEY,
    theoretical_arrival_us BIGINT      NOT NULL
);
