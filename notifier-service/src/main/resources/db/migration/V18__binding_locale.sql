-- A binding may speak its own language (a team abroad in an otherwise Chinese installation); null is the settings'.
ALTER TABLE notification_bindings
    ADD COLUMN locale TEXT CHECK (locale IN ('zh-CN', 'en'));
