-- Demo reference data of DESIGN.md §9; tests and examples rely on it.
insert into organisation (id, name, locale, mitid_enabled, active) values
    ('demo-care', 'Demo Care', 'da', true, true),
    ('demo-omsorg', 'Demo Omsorg', 'sv', false, true);

insert into department (id, organisation_id, name, active) values
    ('demo-care.home-care', 'demo-care', 'Home care', true),
    ('demo-care.nursing-home', 'demo-care', 'Nursing home', true),
    ('demo-care.closed', 'demo-care', 'Closed department', false),
    ('demo-omsorg.hemtjanst', 'demo-omsorg', 'Hemtjänst', true);

insert into role (id, organisation_id, name) values
    ('demo-care.caregiver', 'demo-care', 'Caregiver'),
    ('demo-care.relative', 'demo-care', 'Relative'),
    ('demo-care.admin', 'demo-care', 'Administrator'),
    ('demo-omsorg.caregiver', 'demo-omsorg', 'Vårdare'),
    ('demo-omsorg.relative', 'demo-omsorg', 'Anhörig'),
    ('demo-omsorg.admin', 'demo-omsorg', 'Administratör');

insert into role_user_type (role_id, user_type) values
    ('demo-care.caregiver', 'EMPLOYEE'),
    ('demo-care.relative', 'RELATIVE'),
    ('demo-care.admin', 'ADMINISTRATOR'),
    ('demo-omsorg.caregiver', 'EMPLOYEE'),
    ('demo-omsorg.relative', 'RELATIVE'),
    ('demo-omsorg.admin', 'ADMINISTRATOR');
