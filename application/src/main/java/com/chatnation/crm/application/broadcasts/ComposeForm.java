package com.chatnation.crm.application.broadcasts;

import java.util.ArrayList;
import java.util.List;

/**
 * The compose page's form as the browser sends it: the broadcast's name, template, audience, optional time, a media
 * header's link, and one {@link Param} per body parameter of the template ({@code params[0].source}, …).
 */
class ComposeForm {

    /** One body parameter: its source ({@code text}, {@code name}, {@code phone}, {@code attribute}), the attribute's
     * key, and the text or the fallback for contacts without the value. */
    static class Param {
        private String source = "text";
        private String key;
        private String value;

        public String getSource() {
            return source;
        }

        public void setSource(String source) {
            this.source = source;
        }

        public String getKey() {
            return key;
        }

        public void setKey(String key) {
            this.key = key;
        }

        public String getValue() {
            return value;
        }

        public void setValue(String value) {
            this.value = value;
        }
    }

    private String name;
    private String templateId;
    private String audienceId;
    private String sendAt;
    private String headerLink;
    private List<Param> params = new ArrayList<>();

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getTemplateId() {
        return templateId;
    }

    public void setTemplateId(String templateId) {
        this.templateId = templateId;
    }

    public String getAudienceId() {
        return audienceId;
    }

    public void setAudienceId(String audienceId) {
        this.audienceId = audienceId;
    }

    public String getSendAt() {
        return sendAt;
    }

    public void setSendAt(String sendAt) {
        this.sendAt = sendAt;
    }

    public String getHeaderLink() {
        return headerLink;
    }

    public void setHeaderLink(String headerLink) {
        this.headerLink = headerLink;
    }

    public List<Param> getParams() {
        return params;
    }

    public void setParams(List<Param> params) {
        this.params = params == null ? new ArrayList<>() : params;
    }

    /** As many parameters as the template takes: extra ones dropped, missing ones added as empty text. */
    void fitParameters(int count) {
        while (params.size() > count) {
            params.remove(params.size() - 1);
        }
        while (params.size() < count) {
            params.add(new Param());
        }
        params.replaceAll(param -> param == null ? new Param() : param);
    }
}
