<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BookingCard</name>
    <message>
        <location filename="../../ui/pages/booking_card.py" line="63"/>
        <source>Cancelling your appointment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/booking_card.py" line="69"/>
        <source>Your current appointment (reference %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/booking_card.py" line="73"/>
        <source>You can change or cancel it until the end of %1 (three working days before the appointment).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/booking_card.py" line="76"/>
        <source>It can no longer be changed or cancelled: changes were possible until the end of %1 (three working days before the appointment). Please attend it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/booking_card.py" line="80"/>
        <source>Cancel this appointment</source>
        <translation>取消此预约</translation>
    </message>
    <message>
        <location filename="../../ui/pages/booking_card.py" line="81"/>
        <source>Cancel the appointment on %1? Your seats will be given to other applicants.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/booking_card.py" line="83"/>
        <source>Yes, cancel it</source>
        <translation>是，取消</translation>
    </message>
    <message>
        <location filename="../../ui/pages/booking_card.py" line="84"/>
        <source>No, keep it</source>
        <translation>不，保留</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <location filename="../../ui/pages/calendar.py" line="67"/>
        <source>Finding free appointments…</source>
        <translation>正在查找可预约时间…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/calendar.py" line="79"/>
        <source>There are no free appointments for %n applicant(s) at the moment. Please try again another day, or ask at the counter.</source>
        <translation>
            <numerusform>目前没有可容纳 %n 位申请人的空余预约。请改天再试，或到柜台咨询。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/calendar.py" line="88"/>
        <source>Free times on %1</source>
        <translation>%1 的可用时间</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/calendar.py" line="91"/>
        <source>%1  —  %n seat(s) left</source>
        <translation>
            <numerusform>%1  —  剩余 %n 个座位</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/calendar.py" line="108"/>
        <location filename="../../ui/pages/calendar.py" line="128"/>
        <source>Choose a day</source>
        <translation>请选择一天</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/calendar.py" line="114"/>
        <source>Only days with free seats for all %n applicant(s) can be touched.</source>
        <translation>
            <numerusform>只有能容纳全部 %n 位申请人的日期可以选择。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/calendar.py" line="115"/>
        <source>Appointments close %1 hours before they start, and can be booked up to %2 days ahead.</source>
        <translation>预约在开始前 %1 小时截止，最多可提前 %2 天预约。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/calendar.py" line="125"/>
        <source>Choose a date and time</source>
        <translation>选择日期和时间</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../ui/pages/done.py" line="64"/>
        <source>Your appointment is booked. Your booking reference:</source>
        <translation>您的预约已完成。预约编号：</translation>
    </message>
    <message>
        <location filename="../../ui/pages/done.py" line="69"/>
        <source>Bring your passport, your Appointment Letter and this reference. You can change or cancel until three working days before the appointment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/done.py" line="73"/>
        <source>Your appointment is cancelled. Cancellation reference:</source>
        <translation>您的预约已取消。取消编号：</translation>
    </message>
    <message>
        <location filename="../../ui/pages/done.py" line="74"/>
        <source>You may book a new appointment at any time on this kiosk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/done.py" line="76"/>
        <source>Your inquiry was sent. Your inquiry reference:</source>
        <translation>您的咨询已提交。咨询编号：</translation>
    </message>
    <message>
        <location filename="../../ui/pages/done.py" line="77"/>
        <source>Case %1</source>
        <translation>案件 %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/done.py" line="78"/>
        <source>The Consulate will answer by e-mail or letter. Keep this reference; staff at the counter can look it up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/done.py" line="88"/>
        <source>Printing your confirmation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/done.py" line="101"/>
        <source>Your confirmation has been printed. Please take it with you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/done.py" line="103"/>
        <source>Your confirmation could not be printed. Your booking is saved and safe. Please ask a clerk at the counter to print it for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/done.py" line="109"/>
        <source>Thank you</source>
        <translation>谢谢</translation>
    </message>
    <message>
        <location filename="../../ui/pages/done.py" line="110"/>
        <source>Print the confirmation</source>
        <translation>打印确认单</translation>
    </message>
    <message>
        <location filename="../../ui/pages/done.py" line="111"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>EligibilityPage</name>
    <message>
        <location filename="../../ui/pages/eligibility.py" line="109"/>
        <source>Good news: you may book a new interview appointment.</source>
        <translation>好消息：您可以预约新的面谈。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/eligibility.py" line="111"/>
        <source>You may choose a new time for your interview.</source>
        <translation>您可以为面谈选择新的时间。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/eligibility.py" line="113"/>
        <source>You cannot book yet. You may book from %1.</source>
        <translation>您现在还不能预约。您可以从 %1 起预约。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/eligibility.py" line="116"/>
        <source>Please do not book an interview. Submit an inquiry to the Consulate instead.</source>
        <translation>请不要预约面谈，请向总领事馆提交咨询。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/eligibility.py" line="117"/>
        <source>This kiosk cannot book interviews for your visa class. Please ask at the counter.</source>
        <translation>本自助机无法为您的签证类别预约面谈，请到柜台咨询。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/eligibility.py" line="125"/>
        <source>What to do: %1</source>
        <translation>处理方法：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/eligibility.py" line="127"/>
        <source>Submit this inquiry</source>
        <translation>提交此咨询</translation>
    </message>
    <message>
        <location filename="../../ui/pages/eligibility.py" line="136"/>
        <source>Case %1</source>
        <translation>案件 %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/eligibility.py" line="138"/>
        <source>May attend the interview:</source>
        <translation>可以参加面谈：</translation>
    </message>
    <message>
        <location filename="../../ui/pages/eligibility.py" line="143"/>
        <source>Cannot attend (see above):</source>
        <translation>不能参加（见上文）：</translation>
    </message>
    <message>
        <location filename="../../ui/pages/eligibility.py" line="147"/>
        <source>Cases of the same petitioner, booked together: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/eligibility.py" line="151"/>
        <source>Case %1 joins this appointment: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/eligibility.py" line="153"/>
        <source>Case %1 cannot be booked together now; it must be handled separately.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/eligibility.py" line="156"/>
        <source>Your applicants will be added to the group&apos;s appointment on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/eligibility.py" line="163"/>
        <source>Choose a date</source>
        <translation>选择日期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/eligibility.py" line="165"/>
        <source>Choose a new date</source>
        <translation>选择新日期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/eligibility.py" line="167"/>
        <source>Submit an inquiry</source>
        <translation>提交咨询</translation>
    </message>
    <message>
        <location filename="../../ui/pages/eligibility.py" line="168"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../ui/pages/eligibility.py" line="170"/>
        <source>Join the group&apos;s appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/eligibility.py" line="173"/>
        <source>Your case</source>
        <translation>您的案件</translation>
    </message>
</context>
<context>
    <name>InquiryPage</name>
    <message>
        <location filename="../../ui/pages/inquiry.py" line="80"/>
        <source>The Consulate will send a copy of your Appointment Letter. Enter the case number from any letter or e-mail about your case (from the Consulate or the National Visa Center) and the principal applicant&apos;s date of birth. If you have no case number at all, please ask at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/inquiry.py" line="85"/>
        <source>Case %1</source>
        <translation>案件 %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inquiry.py" line="91"/>
        <source>Please bring or send a scanned copy of:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/inquiry.py" line="97"/>
        <source>Request a copy of the Appointment Letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/inquiry.py" line="98"/>
        <source>Add a spouse or child to the case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/inquiry.py" line="99"/>
        <source>Child Status Protection Act (CSPA) review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/inquiry.py" line="100"/>
        <source>Question about a case already interviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/inquiry.py" line="101"/>
        <source>Reactivate a case after more than a year without contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/inquiry.py" line="102"/>
        <source>Question about a case that is not current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/inquiry.py" line="103"/>
        <source>Question about a changed visa class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/inquiry.py" line="108"/>
        <source>Inquiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/inquiry.py" line="123"/>
        <source>Sending your inquiry…</source>
        <translation>正在发送咨询…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inquiry.py" line="131"/>
        <source>Submit an inquiry</source>
        <translation>提交咨询</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inquiry.py" line="132"/>
        <source>Case number</source>
        <translation>案件号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inquiry.py" line="133"/>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inquiry.py" line="134"/>
        <source>year-month-day, e.g. 1988-07-30</source>
        <translation>年-月-日，例如 1988-07-30</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inquiry.py" line="135"/>
        <source>e.g. GUZ2019541234</source>
        <translation>例如 GUZ2019541234</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inquiry.py" line="136"/>
        <source>Message (optional)</source>
        <translation>留言（可选）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inquiry.py" line="137"/>
        <source>Send inquiry</source>
        <translation>发送咨询</translation>
    </message>
</context>
<context>
    <name>KioskPage</name>
    <message>
        <location filename="../../ui/pages/base.py" line="76"/>
        <source>Please wait…</source>
        <translation>请稍候…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="112"/>
        <source>Something went wrong on our side. Please try again, or ask a member of staff.</source>
        <translation>系统出现问题。请重试，或向工作人员求助。</translation>
    </message>
</context>
<context>
    <name>KioskShell</name>
    <message numerus="yes">
        <location filename="../../ui/shell.py" line="129"/>
        <source>Are you still there?

For your privacy this visit will be cleared in %n second(s).

Touch the screen to continue.</source>
        <translation>
            <numerusform>您还在吗？

为保护您的隐私，本次操作将在 %n 秒后清除。

请触摸屏幕继续。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="184"/>
        <source>DEMO — practice data only. Nothing booked here is real.</source>
        <translation>演示 — 仅为练习数据，此处的预约均非真实。</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="185"/>
        <source>Demo database</source>
        <translation>演示数据库</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="185"/>
        <source>Local database</source>
        <translation>本地数据库</translation>
    </message>
</context>
<context>
    <name>LetterPage</name>
    <message>
        <location filename="../../ui/pages/letter.py" line="73"/>
        <source>Looking up your case…</source>
        <translation>正在查询您的案件…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letter.py" line="82"/>
        <source>Your Appointment Letter</source>
        <translation>您的面谈通知信</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letter.py" line="83"/>
        <source>Type the case number exactly as printed on your letter, or scan its barcode, and the principal applicant&apos;s date of birth.</source>
        <translation>请按通知信上的内容输入案件号（或扫描条形码），以及主申请人的出生日期。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letter.py" line="85"/>
        <source>Case number</source>
        <translation>案件号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letter.py" line="86"/>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letter.py" line="87"/>
        <source>e.g. GUZ2019541234</source>
        <translation>例如 GUZ2019541234</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letter.py" line="88"/>
        <source>year-month-day, e.g. 1988-07-30</source>
        <translation>年-月-日，例如 1988-07-30</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letter.py" line="89"/>
        <source>Three letters and ten digits. Spaces and small letters are fine.</source>
        <translation>三个字母加十位数字。可以有空格，大小写均可。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letter.py" line="90"/>
        <source>No letter with you? The case number is printed on it, so we need it to book. You can ask the Consulate for a copy.</source>
        <translation>没有带通知信？预约需要信上的案件号。您可以向总领事馆申请副本。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letter.py" line="92"/>
        <source>I don&apos;t have my letter</source>
        <translation>我没有通知信</translation>
    </message>
</context>
<context>
    <name>OperatorPanel</name>
    <message>
        <location filename="../../ui/operator.py" line="56"/>
        <source>No operator PIN is configured on this kiosk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/operator.py" line="78"/>
        <source>Too many wrong PINs. Try again in a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/operator.py" line="82"/>
        <source>Wrong PIN.</source>
        <translation>PIN 码错误。</translation>
    </message>
    <message>
        <location filename="../../ui/operator.py" line="97"/>
        <source>Operator: enter the PIN to leave the kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/operator.py" line="98"/>
        <source>Exit the kiosk</source>
        <translation>退出自助机</translation>
    </message>
    <message>
        <location filename="../../ui/operator.py" line="99"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../ui/pages/review.py" line="47"/>
        <source>Date and time</source>
        <translation>日期和时间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="49"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="51"/>
        <source>Applicants</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="55"/>
        <source>Case %1</source>
        <translation>案件 %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="58"/>
        <source>This replaces your appointment on %1 (reference %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="66"/>
        <source>Booking your appointment…</source>
        <translation>正在预约…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="78"/>
        <source>Finding other free times…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="93"/>
        <source>Sorry, the time you chose was just taken by someone else. Nothing was booked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="95"/>
        <source>Sorry, the time you chose has closed for booking. Nothing was booked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="97"/>
        <source>Choose one of the nearest free times:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="99"/>
        <source>No other free times are left. Please ask at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="115"/>
        <source>Check and confirm</source>
        <translation>核对并确认</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="116"/>
        <source>You can change or cancel this appointment here or online until three working days before it. After that, please attend it.</source>
        <translation>在面谈前三个工作日之前，您可以在这里或网上更改或取消预约。之后请按时参加。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="118"/>
        <source>Confirm booking</source>
        <translation>确认预约</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../../ui/pages/signin.py" line="86"/>
        <source>The two passwords are not the same. Please type them again.</source>
        <translation>两次输入的密码不一致，请重新输入。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/signin.py" line="89"/>
        <source>Creating your account…</source>
        <translation>正在创建账户…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/signin.py" line="92"/>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/signin.py" line="123"/>
        <source>A password needs at least %n characters. Spaces count: a short sentence you can remember works well.</source>
        <translation>
            <numerusform>密码至少需要 %n 个字符。空格也算字符：一句容易记住的短句就很好。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/signin.py" line="126"/>
        <source>This password is on a list of common or leaked passwords. Please choose another one.</source>
        <translation>此密码属于常见或已泄露的密码，请换一个。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/signin.py" line="128"/>
        <source>The password must not be the same as the user name.</source>
        <translation>密码不能与用户名相同。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/signin.py" line="130"/>
        <source>This password is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/signin.py" line="132"/>
        <source>A user name or e-mail address has 3 to 254 characters and no spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/signin.py" line="134"/>
        <source>This user name is already taken. Sign in instead, or choose another one.</source>
        <translation>此用户名已被使用。请直接登录，或换一个用户名。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/signin.py" line="136"/>
        <source>Please wait %n second(s) before trying again.</source>
        <translation>
            <numerusform>请等待 %n 秒后再试。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/signin.py" line="139"/>
        <source>This account is locked after too many failed sign-ins. Please ask a member of staff to unlock it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/signin.py" line="141"/>
        <source>This account is locked after too many failed sign-ins, until %1. Please come back then, or ask a member of staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/signin.py" line="145"/>
        <source>The user name or the password is not right.</source>
        <translation>用户名或密码不正确。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/signin.py" line="147"/>
        <source>After %n more failed attempt(s) the account will be locked for a while.</source>
        <translation>
            <numerusform>再失败 %n 次，账户将被暂时锁定。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/signin.py" line="153"/>
        <location filename="../../ui/pages/signin.py" line="155"/>
        <source>Create an account</source>
        <translation>创建账户</translation>
    </message>
    <message>
        <location filename="../../ui/pages/signin.py" line="153"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/pages/signin.py" line="154"/>
        <source>I have an account</source>
        <translation>我已有账户</translation>
    </message>
    <message>
        <location filename="../../ui/pages/signin.py" line="156"/>
        <source>User name or e-mail</source>
        <translation>用户名或电子邮箱</translation>
    </message>
    <message>
        <location filename="../../ui/pages/signin.py" line="157"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/signin.py" line="158"/>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/signin.py" line="159"/>
        <source>Show the password on screen</source>
        <translation>在屏幕上显示密码</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/signin.py" line="162"/>
        <source>Choose a password of at least %n characters. Spaces are allowed: a short sentence you can remember works well, such as &quot;my garden has three lemon trees&quot;. Common passwords are refused. No special characters are required.</source>
        <translation>
            <numerusform>请设置至少 %n 个字符的密码。可以包含空格：一句容易记住的短句就很好，例如“我家花园有三棵柠檬树”。常见密码会被拒绝。不要求特殊字符。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/signin.py" line="167"/>
        <source>After 10 failed attempts in a row the account is locked for 15 minutes.</source>
        <translation>连续失败 10 次后，账户将被锁定 15 分钟。</translation>
    </message>
</context>
<context>
    <name>VisitWizard</name>
    <message>
        <location filename="../../ui/wizard.py" line="82"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="83"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="84"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../ui/pages/welcome.py" line="52"/>
        <source>Missed your immigrant visa interview?</source>
        <translation>错过了移民签证面谈？</translation>
    </message>
    <message>
        <location filename="../../ui/pages/welcome.py" line="53"/>
        <source>Book a new interview at the U.S. Consulate General Guangzhou.</source>
        <translation>在美国驻广州总领事馆预约新的面谈。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/welcome.py" line="55"/>
        <source>You will need your Appointment Letter (it shows your case number) and the date of birth of the principal applicant. If you do not have the letter, you can ask for a copy here.</source>
        <translation>您需要面谈通知信（上面有您的案件号）以及主申请人的出生日期。如果没有通知信，可以在这里申请副本。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/welcome.py" line="57"/>
        <source>Choose your language, then touch Start.</source>
        <translation>请选择语言，然后点击“开始”。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/welcome.py" line="58"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
</context>
</TS>
