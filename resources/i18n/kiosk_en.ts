<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>CalendarPage</name>
    <message numerus="yes">
        <source>There are no free appointments for %n applicant(s) at the moment. Please try again another day, or ask at the counter.</source>
        <translation>
            <numerusform>There are no free appointments for %n applicant at the moment. Please try again another day, or ask at the counter.</numerusform>
            <numerusform>There are no free appointments for %n applicants at the moment. Please try again another day, or ask at the counter.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n seat(s) left</source>
        <translation>
            <numerusform>%n seat left</numerusform>
            <numerusform>%n seats left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Offline: this kiosk has no seats left for %n applicant(s), so no times can be offered until the connection returns. Please try again in a few minutes, or ask at the counter.</source>
        <translation>
            <numerusform>Offline: this kiosk has no seats left for %n applicant, so no times can be offered until the connection returns. Please try again in a few minutes, or ask at the counter.</numerusform>
            <numerusform>Offline: this kiosk has no seats left for %n applicants, so no times can be offered until the connection returns. Please try again in a few minutes, or ask at the counter.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only days with free seats for all %n applicant(s) can be touched.</source>
        <translation>
            <numerusform>Only days with a free seat for the applicant can be touched.</numerusform>
            <numerusform>Only days with free seats for all %n applicants can be touched.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KioskShell</name>
    <message numerus="yes">
        <source>Are you still there?

For your privacy this visit will be cleared in %n second(s).

Touch the screen to continue.</source>
        <translation>
            <numerusform>Are you still there?

For your privacy this visit will be cleared in %n second.

Touch the screen to continue.</numerusform>
            <numerusform>Are you still there?

For your privacy this visit will be cleared in %n seconds.

Touch the screen to continue.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LetterPage</name>
    <message numerus="yes">
        <source>Look-ups are slowed down at the moment. Please try again in %n second(s), or ask at the counter.</source>
        <translation>
            <numerusform>Look-ups are slowed down at the moment. Please try again in %n second, or ask at the counter.</numerusform>
            <numerusform>Look-ups are slowed down at the moment. Please try again in %n seconds, or ask at the counter.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>After %n more wrong try(s) we will ask you to go to the counter.</source>
        <translation>
            <numerusform>After %n more wrong try we will ask you to go to the counter.</numerusform>
            <numerusform>After %n more wrong trys we will ask you to go to the counter.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LinkStatus</name>
    <message numerus="yes">
        <source>%n item(s) waiting to be sent</source>
        <translation>
            <numerusform>%n item waiting to be sent</numerusform>
            <numerusform>%n items waiting to be sent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message numerus="yes">
        <source>Too many tries at this kiosk. Please wait %n second(s), or ask at the counter.</source>
        <translation>
            <numerusform>Too many tries at this kiosk. Please wait %n second, or ask at the counter.</numerusform>
            <numerusform>Too many tries at this kiosk. Please wait %n seconds, or ask at the counter.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A password needs at least %n characters. Spaces count: a short sentence you can remember works well.</source>
        <translation>
            <numerusform>A password needs at least %n characters. Spaces count: a short sentence you can remember works well.</numerusform>
            <numerusform>A password needs at least %n characters. Spaces count: a short sentence you can remember works well.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Please wait %n second(s) before trying again.</source>
        <translation>
            <numerusform>Please wait %n second before trying again.</numerusform>
            <numerusform>Please wait %n seconds before trying again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>After %n more failed attempt(s) the account will be locked for a while.</source>
        <translation>
            <numerusform>After %n more failed attempt the account will be locked for a while.</numerusform>
            <numerusform>After %n more failed attempts the account will be locked for a while.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Choose a password of at least %n characters. Spaces are allowed: a short sentence you can remember works well, such as &quot;my garden has three lemon trees&quot;. Common passwords are refused. No special characters are required.</source>
        <translation>
            <numerusform>Choose a password of at least %n characters. Spaces are allowed: a short sentence you can remember works well, such as &quot;my garden has three lemon trees&quot;. Common passwords are refused. No special characters are required.</numerusform>
            <numerusform>Choose a password of at least %n characters. Spaces are allowed: a short sentence you can remember works well, such as &quot;my garden has three lemon trees&quot;. Common passwords are refused. No special characters are required.</numerusform>
        </translation>
    </message>
</context>
</TS>
