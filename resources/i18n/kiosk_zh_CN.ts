<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActionsPanel</name>
    <message>
        <source>Actions (each is recorded with your name, the time and the reason)</source>
        <translation>操作（每项操作都会记录您的姓名、时间和原因）</translation>
    </message>
    <message>
        <source>Why? (required)</source>
        <translation>原因？（必填）</translation>
    </message>
    <message>
        <source>Supervisor &amp;override (change window / closing time)</source>
        <translation>主管特批（更改期限 / 截止时间）(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <source>CSPA for</source>
        <translation>CSPA 适用于</translation>
    </message>
    <message>
        <source>Protected</source>
        <translation>受保护</translation>
    </message>
    <message>
        <source>Not protected</source>
        <translation>不受保护</translation>
    </message>
    <message>
        <source>CSPA &amp;age …</source>
        <translation>CSPA 年龄(&amp;A)…</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>&amp;Book / rebook</source>
        <translation>预约 / 改约(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Cancel booking</source>
        <translation>取消预约(&amp;C)</translation>
    </message>
    <message>
        <source>Record con&amp;tact</source>
        <translation>记录联系(&amp;T)</translation>
    </message>
    <message>
        <source>Mark &amp;interviewed</source>
        <translation>标记为已面谈(&amp;I)</translation>
    </message>
    <message>
        <source>Mark visa c&amp;lass changed</source>
        <translation>标记签证类别已变更(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Print confirmation</source>
        <translation>打印确认单(&amp;P)</translation>
    </message>
    <message>
        <source>Yes, book it</source>
        <translation>是，预约</translation>
    </message>
    <message>
        <source>No, go back</source>
        <translation>不，返回</translation>
    </message>
    <message>
        <source>  ▲ final once booked</source>
        <translation>  ▲ 一经预约即不可更改</translation>
    </message>
    <message>
        <source>Choose a time</source>
        <translation>选择时间</translation>
    </message>
    <message>
        <source>Working …</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <source>Choose a time first.</source>
        <translation>请先选择时间。</translation>
    </message>
    <message>
        <source>Move case %1 from %2 to %3?</source>
        <translation>将案件 %1 从 %2 改到 %3？</translation>
    </message>
    <message>
        <source>Book case %1 for %2?</source>
        <translation>为案件 %1 预约 %2？</translation>
    </message>
    <message>
        <source>▲ The new appointment can NOT be changed or cancelled once booked.</source>
        <translation>▲ 新的预约一经确定，便不能更改或取消。</translation>
    </message>
    <message>
        <source>The new appointment: %1</source>
        <translation>新的预约：%1</translation>
    </message>
    <message>
        <source>Confirmation written to %1</source>
        <translation>确认单已写入 %1</translation>
    </message>
    <message>
        <source>Booked: %1 at %2</source>
        <translation>已预约：%1，%2</translation>
    </message>
    <message>
        <source>Cancelled booking %1</source>
        <translation>已取消预约 %1</translation>
    </message>
    <message>
        <source>Recorded.</source>
        <translation>已记录。</translation>
    </message>
</context>
<context>
    <name>BookingCard</name>
    <message>
        <source>Cancelling your appointment…</source>
        <translation>正在取消您的预约…</translation>
    </message>
    <message>
        <source>Your current appointment (reference %1)</source>
        <translation>您目前的预约（预约编号 %1）</translation>
    </message>
    <message>
        <source>Cancel this appointment</source>
        <translation>取消此预约</translation>
    </message>
    <message>
        <source>Cancel the appointment on %1? Your seats will be given to other applicants.</source>
        <translation>确定取消 %1 的预约吗？您的名额将让给其他申请人。</translation>
    </message>
    <message>
        <source>Yes, cancel it</source>
        <translation>是，取消</translation>
    </message>
    <message>
        <source>No, keep it</source>
        <translation>不，保留</translation>
    </message>
    <message>
        <source>Asks once more before anything is cancelled</source>
        <translation>取消之前会再次向您确认</translation>
    </message>
    <message>
        <source>Cancels the appointment now</source>
        <translation>立即取消此预约</translation>
    </message>
    <message>
        <source>Keeps the appointment as it is</source>
        <translation>保留此预约，不作更改</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <source>Choose a time first: touch a day, then one of its times.</source>
        <translation>请先选择时间：点击一个日期，然后点击其中一个时间。</translation>
    </message>
    <message>
        <source>Choose one of the free times of this day.</source>
        <translation>请选择这一天的一个可用时间。</translation>
    </message>
    <message>
        <source>Finding free appointments…</source>
        <translation>正在查找可预约时间…</translation>
    </message>
    <message numerus="yes">
        <source>There are no free appointments for %n applicant(s) at the moment. Please try again another day, or ask at the counter.</source>
        <translation>
            <numerusform>目前没有可容纳 %n 位申请人的空余预约。请改天再试，或到柜台咨询。</numerusform>
        </translation>
    </message>
    <message>
        <source>▲ marks the days on which an appointment cannot be changed or cancelled once booked.</source>
        <translation>标有 ▲ 的日期：预约一经确认，便不能更改或取消。</translation>
    </message>
    <message>
        <source>● Your current appointment: %1.</source>
        <translation>● 您目前的预约：%1。</translation>
    </message>
    <message>
        <source>Free times on %1</source>
        <translation>%1 的可用时间</translation>
    </message>
    <message>
        <source>▲ A time on this day cannot be changed or cancelled once booked.</source>
        <translation>▲ 此日的时间一经预约，便不能更改或取消。</translation>
    </message>
    <message>
        <source>bookable here</source>
        <translation>可在此预约</translation>
    </message>
    <message numerus="yes">
        <source>%n seat(s) left</source>
        <translation>
            <numerusform>剩余 %n 个名额</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose this time on %1</source>
        <translation>选择 %1 的这个时间</translation>
    </message>
    <message>
        <source>Offline: booking several cases together needs the connection to the consulate&apos;s booking system, so no times can be offered right now. Please try again in a few minutes, or ask at the counter.</source>
        <translation>离线：多个案件一起预约需要连接领事馆的预约系统，因此目前无法提供可选时间。请几分钟后再试，或到柜台咨询。</translation>
    </message>
    <message>
        <source>Offline: only the times this kiosk holds seats for are shown. Other times need the connection to the consulate&apos;s booking system. A booking made here now is final.</source>
        <translation>离线：只显示本自助机保留了名额的时间。其他时间需要连接领事馆的预约系统。现在在此完成的预约即为最终预约。</translation>
    </message>
    <message numerus="yes">
        <source>Offline: this kiosk has no seats left for %n applicant(s), so no times can be offered until the connection returns. Please try again in a few minutes, or ask at the counter.</source>
        <translation>
            <numerusform>离线：本自助机没有可供 %n 位申请人使用的名额，在恢复连接前无法提供可选时间。请几分钟后再试，或到柜台咨询。</numerusform>
        </translation>
    </message>
    <message>
        <source>Finding other free times…</source>
        <translation>正在查找其他空余时间…</translation>
    </message>
    <message>
        <source>The consulate&apos;s booking system cannot be reached right now, and this kiosk holds no seat at the time you chose. Nothing was booked.</source>
        <translation>目前无法连接领事馆的预约系统，且本自助机在您选择的时间没有保留名额。未进行任何预约。</translation>
    </message>
    <message>
        <source>Sorry, the time you chose was just taken by someone else. Nothing was booked.</source>
        <translation>抱歉，您选择的时间刚刚被他人预约。未进行任何预约。</translation>
    </message>
    <message>
        <source>Sorry, the time you chose has closed for booking. Nothing was booked.</source>
        <translation>抱歉，您选择的时间已停止预约。未进行任何预约。</translation>
    </message>
    <message>
        <source>This kiosk can still book these times while offline:</source>
        <translation>离线时本自助机仍可预约以下时间：</translation>
    </message>
    <message>
        <source>Choose one of the nearest free times:</source>
        <translation>请从以下最近的空余时间中选择一个：</translation>
    </message>
    <message>
        <source>No other free times are left. Please ask at the counter.</source>
        <translation>已没有其他空余时间。请到柜台咨询。</translation>
    </message>
    <message>
        <source>Choose a day</source>
        <translation>请选择一天</translation>
    </message>
    <message numerus="yes">
        <source>Only days with free seats for all %n applicant(s) can be touched.</source>
        <translation>
            <numerusform>只有能容纳全部 %n 位申请人的日期可以选择。</numerusform>
        </translation>
    </message>
    <message>
        <source>Appointments close %1 hours before they start, and can be booked up to %2 days ahead.</source>
        <translation>预约在开始前 %1 小时截止，最多可提前 %2 天预约。</translation>
    </message>
    <message>
        <source>Choose a date and time</source>
        <translation>选择日期和时间</translation>
    </message>
    <message>
        <source>S&amp;how</source>
        <translation>显示(&amp;H)</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Slots</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Seats</source>
        <translation>名额</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>已预约</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>空余</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Lent</source>
        <translation>已借出</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Names</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>People booked that &amp;day</source>
        <translation>当天有预约的人(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Block slot (keep only what is booked)</source>
        <translation>封锁时段（只保留已预约的）(&amp;B)</translation>
    </message>
    <message>
        <source>Why? (required for every change)</source>
        <translation>原因？（每次更改都必填）</translation>
    </message>
    <message>
        <source>Shrin&amp;k slot to</source>
        <translation>将时段缩减为(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Close the chosen day</source>
        <translation>关闭所选日期(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Generate slots on working days</source>
        <translation>在工作日生成时段(&amp;G)</translation>
    </message>
    <message>
        <source>Change (for the dates above, or the chosen day and slot)</source>
        <translation>更改（针对上面的日期，或所选日期和时段）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Chosen day</source>
        <translation>所选日期</translation>
    </message>
    <message>
        <source>Weekly pattern (times, seats)</source>
        <translation>每周模式（时间、名额）</translation>
    </message>
    <message>
        <source>People booked at %1 to contact before moving them:</source>
        <translation>在 %1 有预约、改约前需联系的人：</translation>
    </message>
    <message>
        <source>People booked on %1 to contact before moving them:</source>
        <translation>在 %1 有预约、改约前需联系的人：</translation>
    </message>
    <message>
        <source>Nobody is booked there.</source>
        <translation>该时段无人预约。</translation>
    </message>
    <message>
        <source>Choose a day and a slot first.</source>
        <translation>请先选择日期和时段。</translation>
    </message>
    <message>
        <source>Slot changed.</source>
        <translation>时段已更改。</translation>
    </message>
    <message>
        <source>Slot blocked: %n seat left, booked or lent to a kiosk.</source>
        <translation>时段已封锁：剩余 %n 个名额，已预约或借给自助机。</translation>
    </message>
    <message>
        <source>Slot blocked: %n seats left, all booked or lent to kiosks.</source>
        <translation>时段已封锁：剩余 %n 个名额，均已预约或借给自助机。</translation>
    </message>
    <message>
        <source>The people to contact are listed below.</source>
        <translation>需要联系的人列在下方。</translation>
    </message>
    <message>
        <source>Choose a day first.</source>
        <translation>请先选择日期。</translation>
    </message>
    <message>
        <source>Day closed.</source>
        <translation>该日已关闭。</translation>
    </message>
    <message>
        <source>%n slot created.</source>
        <translation>已创建 %n 个时段。</translation>
    </message>
    <message>
        <source>%n slots created.</source>
        <translation>已创建 %n 个时段。</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>Case number, applicant name (Latin or Chinese) or petitioner id</source>
        <translation>案件号、申请人姓名（拼音或中文）或请愿人编号</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Petitioner</source>
        <translation>请愿人</translation>
    </message>
    <message>
        <source>Applicants</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>留言</translation>
    </message>
    <message>
        <source>Remedy</source>
        <translation>补救办法</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Native name</source>
        <translation>中文姓名</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Marital</source>
        <translation>婚姻状况</translation>
    </message>
    <message>
        <source>On letter</source>
        <translation>在通知信上</translation>
    </message>
    <message>
        <source>CSPA</source>
        <translation>CSPA 儿童身份保护</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Change or cancel</source>
        <translation>更改或取消</translation>
    </message>
    <message>
        <source>Seats</source>
        <translation>名额</translation>
    </message>
    <message>
        <source>Replaces</source>
        <translation>替代</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Applicants (%1)</source>
        <translation>申请人（%1）</translation>
    </message>
    <message>
        <source>Bookings (%1)</source>
        <translation>预约（%1）</translation>
    </message>
    <message>
        <source>Inquiries (%1)</source>
        <translation>咨询（%1）</translation>
    </message>
    <message>
        <source>Findings (%1)</source>
        <translation>审查结果（%1）</translation>
    </message>
    <message>
        <source>History (%1)</source>
        <translation>历史记录（%1）</translation>
    </message>
    <message>
        <source>%n case found.</source>
        <translation>找到 %n 个案件。</translation>
    </message>
    <message>
        <source>%n cases found.</source>
        <translation>找到 %n 个案件。</translation>
    </message>
    <message>
        <source>Case %1 — %2 — petitioner %3 — last contact %4%5</source>
        <translation>案件 %1 — %2 — 请愿人 %3 — 最后联系 %4%5</translation>
    </message>
    <message>
        <source> — interviewed</source>
        <translation> — 已面谈</translation>
    </message>
    <message>
        <source> — visa class changed</source>
        <translation> — 签证类别已变更</translation>
    </message>
    <message>
        <source> — account: %1</source>
        <translation> — 账户：%1</translation>
    </message>
    <message>
        <source>Decision: %1   earliest date: %2   attending: %3   group: %4</source>
        <translation>决定：%1   最早日期：%2   参加人数：%3   组：%4</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>Scan the QR code of a confirmation (the scanner types it here), or paste its text.</source>
        <translation>扫描确认单上的二维码（扫描器会将内容输入此处），或粘贴其文本。</translation>
    </message>
    <message>
        <source>Chec&amp;k</source>
        <translation>核验(&amp;K)</translation>
    </message>
    <message>
        <source>GENUINE and CURRENT: admit.</source>
        <translation>真实且有效：准予进入。</translation>
    </message>
    <message>
        <source>Genuine but SUPERSEDED: rebooked since as %1.</source>
        <translation>真实，但已被替代：之后已改约为 %1。</translation>
    </message>
    <message>
        <source>Genuine but CANCELLED.</source>
        <translation>真实，但已取消。</translation>
    </message>
    <message>
        <source>Genuine, but the printed time is no longer the booking&apos;s time.</source>
        <translation>真实，但打印的时间已不是该预约的时间。</translation>
    </message>
    <message>
        <source>Genuine signature, but no such booking in this database.</source>
        <translation>签名真实，但此数据库中没有该预约。</translation>
    </message>
    <message>
        <source>NOT GENUINE: forged, altered or not a kiosk confirmation.</source>
        <translation>不真实：伪造、被篡改，或不是自助机确认单。</translation>
    </message>
    <message>
        <source>Booking %1, case %2, %3</source>
        <translation>预约 %1，案件 %2，%3</translation>
    </message>
</context>
<context>
    <name>ClerkPage</name>
    <message>
        <source>Something went wrong; the error was logged.</source>
        <translation>出现错误；错误已记录。</translation>
    </message>
</context>
<context>
    <name>ClerkWindow</name>
    <message>
        <source>Clerk console — U.S. immigrant visa appointments</source>
        <translation>办事员控制台 — 美国移民签证预约</translation>
    </message>
    <message>
        <source> — DEMO</source>
        <translation> — 演示</translation>
    </message>
    <message>
        <source>&amp;1 Cases</source>
        <translation>&amp;1 案件</translation>
    </message>
    <message>
        <source>&amp;2 Inquiries</source>
        <translation>&amp;2 咨询</translation>
    </message>
    <message>
        <source>&amp;3 Calendar</source>
        <translation>&amp;3 日历</translation>
    </message>
    <message>
        <source>&amp;4 Check a confirmation</source>
        <translation>&amp;4 核验确认单</translation>
    </message>
    <message>
        <source>&amp;5 Reports</source>
        <translation>&amp;5 报表</translation>
    </message>
    <message>
        <source>&amp;6 Staff</source>
        <translation>&amp;6 工作人员</translation>
    </message>
    <message>
        <source>&amp;7 Kiosks</source>
        <translation>&amp;7 自助机</translation>
    </message>
    <message>
        <source>&amp;8 Locks</source>
        <translation>&amp;8 锁定</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Find a case</source>
        <translation>查找案件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>会话(&amp;S)</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2)</source>
        <translation>已登录：%1（%2）</translation>
    </message>
    <message>
        <source>Locked after %1 minute(s) without input. Sign in again.</source>
        <translation>%1 分钟无操作后已锁定。请重新登录。</translation>
    </message>
    <message>
        <source>Your session on central has ended (unused for too long, or signed in for 12 hours). Sign in again.</source>
        <translation>您在中心系统的会话已结束（闲置过久，或已登录 12 小时）。请重新登录。</translation>
    </message>
</context>
<context>
    <name>CspaDialog</name>
    <message>
        <source>CSPA age calculator — %1</source>
        <translation>CSPA 年龄计算 — %1</translation>
    </message>
    <message>
        <source>Why? (required) — the calculation is filled in; add the memo</source>
        <translation>原因？（必填）— 计算结果已填入；请补充备注</translation>
    </message>
    <message>
        <source>Record: &amp;protected</source>
        <translation>记录：受保护(&amp;P)</translation>
    </message>
    <message>
        <source>Record: &amp;not protected</source>
        <translation>记录：不受保护(&amp;N)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>&amp;Reason for the decision</source>
        <translation>决定的原因(&amp;R)</translation>
    </message>
    <message>
        <source>Calculating …</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Something went wrong; the error was logged.</source>
        <translation>出现错误；错误已记录。</translation>
    </message>
    <message>
        <source>The CSPA age cannot be calculated: %1</source>
        <translation>无法计算 CSPA 年龄：%1</translation>
    </message>
    <message>
        <source>%1 (%2), born %3 — decision on file: %4
Visa class %5 (%6), priority date %7, petition filed %8, approved %9</source>
        <translation>%1（%2），出生于 %3 — 已记录的决定：%4
签证类别 %5（%6），优先日期 %7，申请递交于 %8，批准于 %9</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>The priority date was not current in any recorded bulletin month for %1 (this chargeability, or All areas). A visa is not yet available, so there is no CSPA age yet.</source>
        <translation>在已记录的各月签证公告中，%1 的优先日期均未排到（本地区或所有地区）。签证尚不可用，因此还没有 CSPA 年龄。</translation>
    </message>
    <message>
        <source>Not yet available</source>
        <translation>尚不可用</translation>
    </message>
    <message>
        <source>%1 years %2 days</source>
        <translation>%1 年 %2 天</translation>
    </message>
    <message>
        <source>Immediate relative: the age is frozen on the petition&apos;s filing date, %1.</source>
        <translation>直系亲属：年龄固定在申请递交日 %1。</translation>
    </message>
    <message>
        <source>No &quot;sought to acquire&quot; deadline applies.</source>
        <translation>不适用“寻求获得”期限。</translation>
    </message>
    <message>
        <source>Immediate relative, age at filing</source>
        <translation>直系亲属，按递交时年龄</translation>
    </message>
    <message>
        <source>Visa available %1: the later of the approval (%2) and the first day of %3, the first recorded month the priority date was current. Petition pending %4 days, subtracted: the age is measured on %5.</source>
        <translation>签证可用日 %1：取批准日（%2）与 %3 第一天（优先日期首次排到的已记录月份）中较晚者。申请待审 %4 天，予以扣除：年龄按 %5 计算。</translation>
    </message>
    <message>
        <source>Must have sought to acquire the visa by %1 (one year after it became available)%2</source>
        <translation>必须在 %1 之前寻求获得签证（签证可用后一年内）%2</translation>
    </message>
    <message>
        <source> — that date has passed</source>
        <translation> — 该日期已过</translation>
    </message>
    <message>
        <source>visa available %1, pending %2 days</source>
        <translation>签证可用日 %1，待审 %2 天</translation>
    </message>
    <message>
        <source>CSPA age %1 — %2</source>
        <translation>CSPA 年龄 %1 — %2</translation>
    </message>
    <message>
        <source>under 21</source>
        <translation>未满 21 岁</translation>
    </message>
    <message>
        <source>21 or over</source>
        <translation>21 岁或以上</translation>
    </message>
    <message>
        <source>CSPA age %1 (%2)</source>
        <translation>CSPA 年龄 %1（%2）</translation>
    </message>
    <message>
        <source>CSPA decision recorded: %1</source>
        <translation>已记录 CSPA 决定：%1</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Your appointment is booked. Your booking reference:</source>
        <translation>您的预约已完成。预约编号：</translation>
    </message>
    <message>
        <source>Bring everything your printed confirmation lists under &quot;%1&quot;.</source>
        <translation>打印的确认单上“%1”一栏所列的材料，请全部带来。</translation>
    </message>
    <message>
        <source>Your appointment is cancelled. Cancellation reference:</source>
        <translation>您的预约已取消。取消编号：</translation>
    </message>
    <message>
        <source>You may book a new appointment at any time on this kiosk.</source>
        <translation>您可以随时在本自助机上预约新的面谈。</translation>
    </message>
    <message>
        <source>Your inquiry was sent. Your inquiry reference:</source>
        <translation>您的咨询已提交。咨询编号：</translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation>案件 %1</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>正在打印您的回执…</translation>
    </message>
    <message>
        <source>Your receipt has been printed. Please take it with you.</source>
        <translation>您的回执已打印，请随身带走。</translation>
    </message>
    <message>
        <source>Your receipt could not be printed. Your inquiry is saved. Please ask a clerk at the counter for a copy.</source>
        <translation>回执未能打印。您的咨询已保存。请到柜台请工作人员为您打印一份。</translation>
    </message>
    <message>
        <source>Print again</source>
        <translation>再打印一份</translation>
    </message>
    <message>
        <source>Prints the same page once more</source>
        <translation>再次打印同一页</translation>
    </message>
    <message>
        <source>Print the receipt</source>
        <translation>打印回执</translation>
    </message>
    <message>
        <source>Prints your inquiry receipt, which says what to bring or send, in the language shown on screen</source>
        <translation>以屏幕上显示的语言打印您的咨询回执，上面写明需要携带或寄送的材料</translation>
    </message>
    <message>
        <source>Prints your appointment confirmation, in the language shown on screen, to take with you</source>
        <translation>以屏幕上显示的语言打印您的预约确认单，供您带走</translation>
    </message>
    <message>
        <source>Printing your confirmation…</source>
        <translation>正在打印您的预约确认单…</translation>
    </message>
    <message>
        <source>Booked offline at this kiosk. This booking is final: the consulate&apos;s system records it as soon as the kiosk reconnects. Your confirmation is printed here and says so.</source>
        <translation>已在本自助机离线预约。此预约为最终预约：自助机恢复连接后，总领事馆系统会立即记录。您的确认函在此打印，并注明这一点。</translation>
    </message>
    <message>
        <source>The Consulate will send its answer to: %1</source>
        <translation>总领事馆将把答复发送至：%1</translation>
    </message>
    <message>
        <source>Expect the answer by %1.</source>
        <translation>预计在%1之前答复。</translation>
    </message>
    <message>
        <source>Keep this reference; staff at the counter can look it up.</source>
        <translation>请保留此编号；柜台工作人员可以查询。</translation>
    </message>
    <message>
        <source>Your confirmation has been printed. Please take it with you.</source>
        <translation>您的预约确认单已打印，请随身带走。</translation>
    </message>
    <message>
        <source>Your confirmation could not be printed. Your booking is saved and safe. Please ask a clerk at the counter to print it for you.</source>
        <translation>预约确认单未能打印。您的预约已保存，不会丢失。请到柜台请工作人员为您打印。</translation>
    </message>
    <message>
        <source>Thank you</source>
        <translation>谢谢</translation>
    </message>
    <message>
        <source>Print the confirmation</source>
        <translation>打印确认单</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>EligibilityPage</name>
    <message>
        <source>Good news: you may book a new interview appointment.</source>
        <translation>好消息：您可以预约新的面谈。</translation>
    </message>
    <message>
        <source>You may choose a new time for your interview.</source>
        <translation>您可以为面谈选择新的时间。</translation>
    </message>
    <message>
        <source>You cannot book yet. You may book from %1.</source>
        <translation>您现在还不能预约。您可以从 %1 起预约。</translation>
    </message>
    <message>
        <source>Please do not book an interview. Submit an inquiry to the Consulate instead.</source>
        <translation>请不要预约面谈，请向总领事馆提交咨询。</translation>
    </message>
    <message>
        <source>This kiosk cannot book interviews for your visa class. Please ask at the counter.</source>
        <translation>本自助机无法为您的签证类别预约面谈，请到柜台咨询。</translation>
    </message>
    <message>
        <source>Cannot attend this interview</source>
        <translation>不能参加此次面谈</translation>
    </message>
    <message>
        <source>Stops the booking</source>
        <translation>无法预约</translation>
    </message>
    <message>
        <source>Please note</source>
        <translation>请注意</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>处理方法：%1</translation>
    </message>
    <message>
        <source>Submit this inquiry</source>
        <translation>提交此咨询</translation>
    </message>
    <message>
        <source>Ask the Consulate about this: %1</source>
        <translation>就此事向总领事馆咨询：%1</translation>
    </message>
    <message>
        <source>You may book a new interview appointment for %1.</source>
        <translation>您可以为%1预约新的面谈。</translation>
    </message>
    <message>
        <source>You may choose a new interview time for %1.</source>
        <translation>您可以为%1选择新的面谈时间。</translation>
    </message>
    <message>
        <source>Ask to add %1 to the case</source>
        <translation>申请将%1加入此案件</translation>
    </message>
    <message>
        <source>Submit a CSPA inquiry for %1 instead</source>
        <translation>改为为%1提交 CSPA 咨询</translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation>案件 %1</translation>
    </message>
    <message>
        <source>Applicants:</source>
        <translation>申请人：</translation>
    </message>
    <message>
        <source>May attend the interview:</source>
        <translation>可以参加面谈：</translation>
    </message>
    <message>
        <source>Cannot attend (see above):</source>
        <translation>不能参加（见上文）：</translation>
    </message>
    <message>
        <source>Cases of the same petitioner, booked together: %1</source>
        <translation>同一担保人的案件，一起预约：%1</translation>
    </message>
    <message>
        <source>Case %1 joins this appointment: %2</source>
        <translation>案件 %1 加入此预约：%2</translation>
    </message>
    <message>
        <source>Case %1 cannot be booked together now; it must be handled separately.</source>
        <translation>案件 %1 目前不能一起预约，须另行处理。</translation>
    </message>
    <message>
        <source>Your applicants will be added to the group&apos;s appointment on %1.</source>
        <translation>您的申请人将被加入该组 %1 的预约。</translation>
    </message>
    <message>
        <source>Choose a date</source>
        <translation>选择日期</translation>
    </message>
    <message>
        <source>Choose a new date</source>
        <translation>选择新日期</translation>
    </message>
    <message>
        <source>Submit an inquiry</source>
        <translation>提交咨询</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Join the group&apos;s appointment</source>
        <translation>加入该组的预约</translation>
    </message>
    <message>
        <source>Your case</source>
        <translation>您的案件</translation>
    </message>
</context>
<context>
    <name>InquiriesPage</name>
    <message>
        <source>All kinds</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>留言</translation>
    </message>
    <message>
        <source>Answer to</source>
        <translation>答复发送至</translation>
    </message>
    <message>
        <source>Why / what was seen (required)</source>
        <translation>原因 / 所见情况（必填）</translation>
    </message>
    <message>
        <source>Document &amp;received</source>
        <translation>文件已收到(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>接受(&amp;A)</translation>
    </message>
    <message>
        <source>Ask a&amp;gain</source>
        <translation>再次询问(&amp;G)</translation>
    </message>
    <message>
        <source>What the consulate decided (required)</source>
        <translation>领馆的决定（必填）</translation>
    </message>
    <message>
        <source>Re&amp;solve</source>
        <translation>解决(&amp;S)</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>%1 — case %2, applicant %3:
%4</source>
        <translation>%1 — 案件 %2，申请人 %3：
%4</translation>
    </message>
    <message>
        <source>Choose an inquiry.</source>
        <translation>请选择一条咨询。</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 现为 %2。</translation>
    </message>
</context>
<context>
    <name>InquiryPage</name>
    <message>
        <source>The Consulate will send a copy of your Appointment Letter. Enter the case number from any letter or e-mail about your case (from the Consulate or the National Visa Center) and the principal applicant&apos;s date of birth. If you have no case number at all, please ask at the counter.</source>
        <translation>总领事馆将寄送面谈通知信的副本。请输入任何有关您案件的信件或电子邮件（来自总领事馆或美国国家签证中心）上的案件号，以及主申请人的出生日期。如果您完全没有案件号，请到柜台咨询。</translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation>案件 %1</translation>
    </message>
    <message>
        <source>Scanned here, sent with this inquiry:</source>
        <translation>已在此扫描，随本咨询一并发送：</translation>
    </message>
    <message>
        <source>Please bring or send a scanned copy of:</source>
        <translation>请携带或寄送以下文件的扫描件：</translation>
    </message>
    <message>
        <source>Inquiry</source>
        <translation>咨询</translation>
    </message>
    <message>
        <source>Enter an e-mail address or a postal address for the answer.</source>
        <translation>请输入接收答复的电子邮件地址或邮寄地址。</translation>
    </message>
    <message>
        <source>Tick the box to let the Consulate keep this address for its answer.</source>
        <translation>请勾选此框，同意总领事馆保存此地址以便答复。</translation>
    </message>
    <message>
        <source>Sending your inquiry…</source>
        <translation>正在发送咨询…</translation>
    </message>
    <message>
        <source>Submit an inquiry</source>
        <translation>提交咨询</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案件号</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>year month day, e.g. 19880730</source>
        <translation>年月日，例如 19880730</translation>
    </message>
    <message>
        <source>e.g. GUZ2019541234</source>
        <translation>例如 GUZ2019541234</translation>
    </message>
    <message>
        <source>Message (optional)</source>
        <translation>留言（可选）</translation>
    </message>
    <message>
        <source>I agree that the Consulate keeps this address to answer this inquiry</source>
        <translation>我同意总领事馆保存此地址，用于答复本次咨询</translation>
    </message>
    <message>
        <source>The case number from any letter or e-mail about your case</source>
        <translation>任何有关您案件的信件或电子邮件上的案件号</translation>
    </message>
    <message>
        <source>The principal applicant&apos;s date of birth, as year-month-day</source>
        <translation>主申请人的出生日期，格式为 年-月-日</translation>
    </message>
    <message>
        <source>Where should the answer go?</source>
        <translation>答复发送到哪里？</translation>
    </message>
    <message>
        <source>E-mail or postal address</source>
        <translation>电子邮件或邮寄地址</translation>
    </message>
    <message>
        <source>Your e-mail address or postal address, for the Consulate&apos;s answer</source>
        <translation>您的电子邮件地址或邮寄地址，用于接收总领事馆的答复</translation>
    </message>
    <message>
        <source>Needed to send the inquiry: the address is kept only to answer it</source>
        <translation>提交咨询需要此项：该地址仅用于答复</translation>
    </message>
    <message>
        <source>Anything the Consulate should know, at most 1000 characters. Tab leaves this box.</source>
        <translation>您希望总领事馆了解的情况，最多 1000 个字符。按 Tab 键离开此输入框。</translation>
    </message>
    <message>
        <source>Send inquiry</source>
        <translation>发送咨询</translation>
    </message>
</context>
<context>
    <name>KioskAlertsPanel</name>
    <message>
        <source>Raised</source>
        <translation>提出时间</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>自助机</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Misses</source>
        <translation>未命中次数</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>&amp;Acknowledge alert</source>
        <translation>确认警报(&amp;A)</translation>
    </message>
    <message>
        <source>Re&amp;try command</source>
        <translation>重试命令(&amp;T)</translation>
    </message>
    <message>
        <source>Mark command resol&amp;ved</source>
        <translation>标记命令已解决(&amp;V)</translation>
    </message>
    <message>
        <source>Alerts: look-ups, sign-ins or sign-ups over a kiosk&apos;s or the post&apos;s budget (someone may be guessing)</source>
        <translation>警报：查询、登录或注册次数超过自助机或领馆的限额（可能有人在猜测）</translation>
    </message>
    <message>
        <source>Commands central could not apply (later ones about the same case wait)</source>
        <translation>中心系统无法执行的命令（同一案件的后续命令将等待）</translation>
    </message>
    <message>
        <source>Letter look-ups missed at this kiosk</source>
        <translation>此自助机的通知信查询未命中</translation>
    </message>
    <message>
        <source>Letter look-ups missed at the post</source>
        <translation>领馆的通知信查询未命中</translation>
    </message>
    <message>
        <source>Failed sign-ins at this kiosk</source>
        <translation>此自助机的登录失败</translation>
    </message>
    <message>
        <source>Accounts created at this kiosk</source>
        <translation>在此自助机创建的账户</translation>
    </message>
    <message>
        <source>needs a clerk</source>
        <translation>需要办事员处理</translation>
    </message>
    <message>
        <source>retry asked</source>
        <translation>已请求重试</translation>
    </message>
    <message>
        <source>all kiosks</source>
        <translation>所有自助机</translation>
    </message>
    <message>
        <source>Choose an alert first.</source>
        <translation>请先选择一条警报。</translation>
    </message>
    <message>
        <source>Alert acknowledged.</source>
        <translation>警报已确认。</translation>
    </message>
    <message>
        <source>Choose a failed command first.</source>
        <translation>请先选择一条失败的命令。</translation>
    </message>
    <message>
        <source>The kiosk sends it again at its next sync.</source>
        <translation>自助机将在下次同步时再次发送。</translation>
    </message>
    <message>
        <source>Resolved: the kiosk will not send it again.</source>
        <translation>已解决：自助机不会再发送。</translation>
    </message>
</context>
<context>
    <name>KioskPage</name>
    <message>
        <source>Please wait…</source>
        <translation>请稍候…</translation>
    </message>
    <message>
        <source>Switch to %1</source>
        <translation>切换到%1</translation>
    </message>
    <message>
        <source>Show the kiosk in %1. What you have typed is kept.</source>
        <translation>以 %1 显示自助机。您已输入的内容会保留。</translation>
    </message>
    <message>
        <source>%1, chosen</source>
        <translation>%1，已选</translation>
    </message>
    <message>
        <source>Stop reading</source>
        <translation>停止朗读</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>朗读本页</translation>
    </message>
    <message>
        <source>Stop reading this page aloud</source>
        <translation>停止朗读本页</translation>
    </message>
    <message>
        <source>Read this page aloud. Touch again to stop.</source>
        <translation>朗读本页内容。再按一次停止。</translation>
    </message>
</context>
<context>
    <name>KioskShell</name>
    <message numerus="yes">
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
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>DEMO — practice data only. Nothing booked here is real.</source>
        <translation>演示 — 仅为练习数据，此处的预约均非真实。</translation>
    </message>
</context>
<context>
    <name>KiosksPage</name>
    <message>
        <source>Kiosk</source>
        <translation>自助机</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>最后联系</translation>
    </message>
    <message>
        <source>Last full report</source>
        <translation>最近一次完整报告</translation>
    </message>
    <message>
        <source>Seats held</source>
        <translation>持有名额</translation>
    </message>
    <message>
        <source>Slots</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Offline bookings</source>
        <translation>离线预约</translation>
    </message>
    <message>
        <source>To review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Cache rebuilt</source>
        <translation>缓存已重建</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>扫描仪</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Seats</source>
        <translation>名额</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Booking</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Issued offline</source>
        <translation>离线签发</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>已安排</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>Reason (required): what was done, or why</source>
        <translation>原因（必填）：做了什么，或为什么</translation>
    </message>
    <message>
        <source>Mark review &amp;resolved</source>
        <translation>标记审核已解决(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Write off expired loans of this kiosk</source>
        <translation>注销此自助机已过期的借用名额(&amp;W)</translation>
    </message>
    <message>
        <source>Supervisors: a kiosk that is gone for good gives back its seats once its loans have expired</source>
        <translation>主管：永久停用的自助机在借用名额到期后归还名额</translation>
    </message>
    <message>
        <source>Seats lent to kiosks for booking while the link is down</source>
        <translation>断网时借给自助机用于预约的名额</translation>
    </message>
    <message>
        <source>Loans per kiosk</source>
        <translation>每台自助机的借用名额</translation>
    </message>
    <message>
        <source>Offline bookings to review</source>
        <translation>待审核的离线预约</translation>
    </message>
    <message>
        <source>silent</source>
        <translation>无响应</translation>
    </message>
    <message>
        <source>in touch</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>NO</source>
        <translation>否</translation>
    </message>
    <message>
        <source>%n kiosk,</source>
        <translation>%n 台自助机，</translation>
    </message>
    <message>
        <source>%n kiosks,</source>
        <translation>%n 台自助机，</translation>
    </message>
    <message>
        <source>%n seat lent,</source>
        <translation>借出 %n 个名额，</translation>
    </message>
    <message>
        <source>%n seats lent,</source>
        <translation>借出 %n 个名额，</translation>
    </message>
    <message>
        <source>%n offline booking to review.</source>
        <translation>%n 个离线预约待审核。</translation>
    </message>
    <message>
        <source>%n offline bookings to review.</source>
        <translation>%n 个离线预约待审核。</translation>
    </message>
    <message>
        <source>Choose an offline booking to review first.</source>
        <translation>请先选择要审核的离线预约。</translation>
    </message>
    <message>
        <source>Review resolved.</source>
        <translation>审核已解决。</translation>
    </message>
    <message>
        <source>Choose a kiosk first.</source>
        <translation>请先选择一台自助机。</translation>
    </message>
    <message>
        <source>%n seat of kiosk %2 written off.</source>
        <translation>已注销自助机 %2 的 %n 个名额。</translation>
    </message>
    <message>
        <source>%n seats of kiosk %2 written off.</source>
        <translation>已注销自助机 %2 的 %n 个名额。</translation>
    </message>
</context>
<context>
    <name>LetterPage</name>
    <message>
        <source>Your account is ready. Your user name is %1 — please write it down: you need it and your password to sign in next time.</source>
        <translation>您的账户已创建。您的用户名是 %1 —— 请记下来：下次登录时需要用户名和密码。</translation>
    </message>
    <message>
        <source>Enter the case number from your Appointment Letter.</source>
        <translation>请输入面谈通知信上的案件号。</translation>
    </message>
    <message>
        <source>Enter the principal applicant&apos;s date of birth.</source>
        <translation>请输入主申请人的出生日期。</translation>
    </message>
    <message>
        <source>Looking up your case…</source>
        <translation>正在查询您的案件…</translation>
    </message>
    <message>
        <source>We could not find this case after several tries. Please ask at the counter: staff there can help you now.</source>
        <translation>多次尝试后仍未找到此案件。请到柜台咨询：工作人员现在就可以帮助您。</translation>
    </message>
    <message numerus="yes">
        <source>Look-ups are slowed down at the moment. Please try again in %n second(s), or ask at the counter.</source>
        <translation>
            <numerusform>目前查询已放慢。请在 %n 秒后再试，或到柜台咨询。</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many attempts with this case number. For your security it cannot be looked up again until %1. Please ask at the counter: staff there can help you now.</source>
        <translation>此案件号的尝试次数过多。为保护您的安全，在 %1 之前无法再次查询。请到柜台咨询：工作人员现在就可以帮助您。</translation>
    </message>
    <message numerus="yes">
        <source>After %n more wrong try(s) we will ask you to go to the counter.</source>
        <translation>
            <numerusform>再输错 %n 次后，我们将请您到柜台办理。</numerusform>
        </translation>
    </message>
    <message>
        <source>You have 1 try left before this case number is locked for 15 minutes.</source>
        <translation>您还有 1 次机会，之后此案件号将被锁定 15 分钟。</translation>
    </message>
    <message>
        <source>You have %1 tries left before this case number is locked for 15 minutes.</source>
        <translation>您还有 %1 次机会，之后此案件号将被锁定 15 分钟。</translation>
    </message>
    <message>
        <source>Check the case number.</source>
        <translation>请核对案件号。</translation>
    </message>
    <message>
        <source>Check the date of birth.</source>
        <translation>请核对出生日期。</translation>
    </message>
    <message>
        <source>Your case %1</source>
        <translation>您的案件 %1</translation>
    </message>
    <message>
        <source>Your appointment: %1</source>
        <translation>您的预约：%1</translation>
    </message>
    <message>
        <source>Change or cancel this appointment</source>
        <translation>更改或取消此预约</translation>
    </message>
    <message>
        <source>Continue with this case</source>
        <translation>继续办理此案件</translation>
    </message>
    <message>
        <source>For your safety we ask for the date of birth every time.</source>
        <translation>为保障您的安全，我们每次都会核对出生日期。</translation>
    </message>
    <message>
        <source>Your Appointment Letter</source>
        <translation>您的面谈通知信</translation>
    </message>
    <message>
        <source>Type the case number exactly as printed on your letter, or scan its barcode, and the principal applicant&apos;s date of birth.</source>
        <translation>请按通知信上的内容输入案件号（或扫描条形码），以及主申请人的出生日期。</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案件号</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>e.g. GUZ2019541234</source>
        <translation>例如 GUZ2019541234</translation>
    </message>
    <message>
        <source>year month day, e.g. 19880730</source>
        <translation>年月日，例如 19880730</translation>
    </message>
    <message>
        <source>Three letters and ten digits. Spaces and small letters are fine.</source>
        <translation>三个字母加十位数字。可以有空格，大小写均可。</translation>
    </message>
    <message>
        <source>No letter with you? The case number is printed on it, so we need it to book. You can ask the Consulate for a copy.</source>
        <translation>没有带通知信？预约需要信上的案件号。您可以向总领事馆申请副本。</translation>
    </message>
    <message>
        <source>I don&apos;t have my letter</source>
        <translation>我没有通知信</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Ends this visit; nothing you typed stays on screen</source>
        <translation>结束本次使用；您输入的内容不会留在屏幕上</translation>
    </message>
    <message>
        <source>The case number on your Appointment Letter: three letters and ten digits</source>
        <translation>面谈通知信上的案件号：三个字母加十位数字</translation>
    </message>
    <message>
        <source>The principal applicant&apos;s date of birth, as year-month-day</source>
        <translation>主申请人的出生日期，格式为 年-月-日</translation>
    </message>
    <message>
        <source>Ask the Consulate for a copy of your Appointment Letter instead of booking</source>
        <translation>不预约，改为向总领事馆申请面谈通知信副本</translation>
    </message>
</context>
<context>
    <name>LinkStatus</name>
    <message>
        <source>This kiosk is out of order.

Please go to the counter: a clerk will help you with your appointment.

We are sorry for the inconvenience.</source>
        <translation>本自助机暂停服务。

请到柜台办理：工作人员会帮助您处理预约事宜。

给您带来不便，敬请谅解。</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) waiting to be sent</source>
        <translation>
            <numerusform>%n 项等待发送</numerusform>
        </translation>
    </message>
    <message>
        <source>This kiosk cannot reach the consulate&apos;s booking system right now, so appointments cannot be booked or changed at the moment. You can still check your case and send an inquiry. Please try again in a few minutes, or ask at the counter.</source>
        <translation>本自助机目前无法连接领事馆的预约系统，暂时不能预约或更改预约。您仍可查询案件和提交咨询。请几分钟后再试，或到柜台咨询。</translation>
    </message>
    <message>
        <source>Demo database</source>
        <translation>演示数据库</translation>
    </message>
    <message>
        <source>Local database</source>
        <translation>本地数据库</translation>
    </message>
    <message>
        <source>Connecting to the consulate&apos;s booking system…</source>
        <translation>正在连接领事馆的预约系统…</translation>
    </message>
    <message>
        <source>This kiosk cannot reach the consulate&apos;s booking system right now. You can still book one of the times shown: this kiosk holds a few seats for them, and the confirmation it prints is final. Other times, and booking several cases together, need the connection: please try again in a few minutes, or ask at the counter.</source>
        <translation>本自助机目前无法连接领事馆的预约系统。您仍可预约屏幕上显示的时间：本自助机为这些时间保留了少量名额，打印的确认单即为最终确认。其他时间以及多个案件一起预约需要连接：请几分钟后再试，或到柜台咨询。</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Offline since %1 — bookings paused, you can still check eligibility and send inquiries</source>
        <translation>自 %1 起离线 — 预约暂停，您仍可查询资格和提交咨询</translation>
    </message>
    <message>
        <source>Connected — last sync %1</source>
        <translation>已连接 — 最近同步 %1</translation>
    </message>
    <message>
        <source>Offline since %1 — you can still book the times shown, check eligibility and send inquiries</source>
        <translation>自 %1 起离线 — 您仍可预约显示的时间、查询资格和提交咨询</translation>
    </message>
</context>
<context>
    <name>LocksPage</name>
    <message>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Account or case</source>
        <translation>账户或案件</translation>
    </message>
    <message>
        <source>Failed tries</source>
        <translation>失败次数</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>锁定至</translation>
    </message>
    <message>
        <source>Why? (required; e.g. identity checked at the counter)</source>
        <translation>原因？（必填；例如已在柜台核实身份）</translation>
    </message>
    <message>
        <source>&amp;Lift the chosen lock</source>
        <translation>解除所选锁定(&amp;L)</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <source>Applicant&apos;s account</source>
        <translation>申请人账户</translation>
    </message>
    <message>
        <source>Letter look-up</source>
        <translation>通知信查询</translation>
    </message>
    <message>
        <source>Choose a lock first.</source>
        <translation>请先选择一个锁定。</translation>
    </message>
    <message>
        <source>The lock on %1 is lifted.</source>
        <translation>%1 的锁定已解除。</translation>
    </message>
</context>
<context>
    <name>MonthView</name>
    <message>
        <source>Free appointments on this day</source>
        <translation>当天有空余预约</translation>
    </message>
    <message>
        <source>No free appointments on this day</source>
        <translation>当天没有空余预约</translation>
    </message>
    <message>
        <source>An appointment on this day cannot be changed or cancelled once booked</source>
        <translation>此日的预约一经确认，便不能更改或取消</translation>
    </message>
    <message>
        <source>Your current appointment is on this day</source>
        <translation>您目前的预约在这一天</translation>
    </message>
    <message>
        <source>No day</source>
        <translation>无日期</translation>
    </message>
    <message>
        <source>Previous month</source>
        <translation>上个月</translation>
    </message>
    <message>
        <source>Show the month before</source>
        <translation>显示上一个月</translation>
    </message>
    <message>
        <source>Next month</source>
        <translation>下个月</translation>
    </message>
    <message>
        <source>Show the month after</source>
        <translation>显示下一个月</translation>
    </message>
</context>
<context>
    <name>OperatorPanel</name>
    <message>
        <source>No operator PIN is configured on this kiosk.</source>
        <translation>本自助机未设置操作员密码。</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in a minute.</source>
        <translation>密码错误次数过多。请一分钟后再试。</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>PIN 码错误。</translation>
    </message>
    <message>
        <source>Operator: enter the PIN to leave the kiosk</source>
        <translation>操作员：输入密码以退出自助机</translation>
    </message>
    <message>
        <source>Exit the kiosk</source>
        <translation>退出自助机</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>操作员密码</translation>
    </message>
    <message>
        <source>The PIN that lets staff close the kiosk</source>
        <translation>工作人员关闭自助机所用的密码</translation>
    </message>
    <message>
        <source>Close the kiosk program</source>
        <translation>关闭自助机程序</translation>
    </message>
    <message>
        <source>Close this panel and return to the kiosk</source>
        <translation>关闭此面板并返回自助机</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Bookings per day</source>
        <translation>每日预约</translation>
    </message>
    <message>
        <source>No-shows (appointment passed, not interviewed)</source>
        <translation>未到场（预约已过，未面谈）</translation>
    </message>
    <message>
        <source>Inquiries by kind per ISO week</source>
        <translation>每个 ISO 周按类型统计的咨询</translation>
    </message>
    <message>
        <source>S&amp;how</source>
        <translation>显示(&amp;H)</translation>
    </message>
    <message>
        <source>Full path of the CSV file to write</source>
        <translation>要写入的 CSV 文件的完整路径</translation>
    </message>
    <message>
        <source>C&amp;hoose …</source>
        <translation>选择(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Export CSV</source>
        <translation>导出 CSV(&amp;E)</translation>
    </message>
    <message>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV 文件</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Bookings made</source>
        <translation>已完成的预约</translation>
    </message>
    <message>
        <source>Rebookings</source>
        <translation>改约</translation>
    </message>
    <message>
        <source>Cancellations</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Appointments that day</source>
        <translation>当天的预约</translation>
    </message>
    <message>
        <source>Applicants that day</source>
        <translation>当天的申请人</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Booking</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Petitioner</source>
        <translation>请愿人</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>最后联系</translation>
    </message>
    <message>
        <source>ISO week</source>
        <translation>ISO 周</translation>
    </message>
    <message>
        <source>Week starts</source>
        <translation>周开始于</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>%n row.</source>
        <translation>%n 行。</translation>
    </message>
    <message>
        <source>%n rows.</source>
        <translation>%n 行。</translation>
    </message>
    <message>
        <source>Export the report as CSV</source>
        <translation>将报表导出为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Type or choose where the CSV file goes.</source>
        <translation>输入或选择 CSV 文件的保存位置。</translation>
    </message>
    <message>
        <source>%n row written to %2</source>
        <translation>已将 %n 行写入 %2</translation>
    </message>
    <message>
        <source>%n rows written to %2</source>
        <translation>已将 %n 行写入 %2</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Date and time</source>
        <translation>日期和时间</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Applicants</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation>案件 %1</translation>
    </message>
    <message>
        <source>This kiosk is offline: it books this time from the seats it holds, and the confirmation it prints is final.</source>
        <translation>本自助机处于离线状态：将使用其保留的名额预约此时间，打印的确认单即为最终确认。</translation>
    </message>
    <message>
        <source>This replaces your appointment on %1 (reference %2).</source>
        <translation>此预约将取代您在 %1 的预约（预约编号 %2）。</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>You can change or cancel this appointment until three working days before it.</source>
        <translation>您可以在预约日期前三个工作日之前更改或取消此预约。</translation>
    </message>
    <message>
        <source>I understand that I cannot change or cancel this appointment</source>
        <translation>我明白此预约不能更改或取消</translation>
    </message>
    <message>
        <source>To book this time, tick “I understand”. Or go Back and choose a day that can still be changed.</source>
        <translation>要预约这个时间，请勾选“我明白”。或者返回，选择一个仍可更改的日期。</translation>
    </message>
    <message>
        <source>Checking with the consulate whether your booking was made…</source>
        <translation>正在向领事馆确认您的预约是否已完成…</translation>
    </message>
    <message>
        <source>Booking your appointment…</source>
        <translation>正在预约…</translation>
    </message>
    <message>
        <source>Check and confirm</source>
        <translation>核对并确认</translation>
    </message>
    <message>
        <source>Confirm booking</source>
        <translation>确认预约</translation>
    </message>
</context>
<context>
    <name>ScanPage</name>
    <message>
        <source>%1&apos;s birth certificate</source>
        <translation>%1的出生证明</translation>
    </message>
    <message>
        <source>%1&apos;s marriage certificate</source>
        <translation>%1的结婚证</translation>
    </message>
    <message>
        <source>%1 (for %2)</source>
        <translation>%1（属于 %2）</translation>
    </message>
    <message>
        <source>Scanning… please keep the lid closed.</source>
        <translation>正在扫描…请保持盖子合上。</translation>
    </message>
    <message>
        <source>Or touch %1 to go on with the pages scanned so far.</source>
        <translation>或点按“%1”，带着已扫描的页面继续。</translation>
    </message>
    <message>
        <source>Or touch %1: your receipt will then say to bring or send it.</source>
        <translation>或点按“%1”：您的回执会注明需携带或寄送此文件。</translation>
    </message>
    <message>
        <source>The paper is jammed in the scanner. Please ask staff at the counter for help.</source>
        <translation>扫描仪卡纸了。请向柜台工作人员求助。</translation>
    </message>
    <message>
        <source>The scanner found no paper. Lay the page face down on the glass and touch %1 again.</source>
        <translation>扫描仪没有检测到纸张。请将此页正面朝下放在玻璃板上，再点按“%1”。</translation>
    </message>
    <message>
        <source>The scanner&apos;s lid is open. Close it and touch %1 again.</source>
        <translation>扫描仪的盖子开着。请合上盖子，再点按“%1”。</translation>
    </message>
    <message>
        <source>The scanner did not finish. Touch %1 to try once more.</source>
        <translation>扫描未完成。请点按“%1”再试一次。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>%1 (document %2 of %3)</source>
        <translation>%1（第 %2 份，共 %3 份）</translation>
    </message>
    <message>
        <source>Lay its first page face down on the scanner glass, close the lid, then touch Scan page.</source>
        <translation>请将第一页正面朝下放在扫描仪玻璃板上，合上盖子，然后点按“扫描此页”。</translation>
    </message>
    <message>
        <source>Page %1 is scanned: check that it is whole and easy to read (if not, touch Scan again). Another page? Lay it on the glass and touch Add a page.</source>
        <translation>第 %1 页已扫描：请检查是否完整、清晰（如不清晰，请点按“重新扫描”）。还有下一页？请放在玻璃板上，点按“添加一页”。</translation>
    </message>
    <message>
        <source>Scans the page shown again; the new scan replaces it</source>
        <translation>重新扫描显示的这一页，新的扫描将替换它</translation>
    </message>
    <message>
        <source>Add a page</source>
        <translation>添加一页</translation>
    </message>
    <message>
        <source>Scan page</source>
        <translation>扫描此页</translation>
    </message>
    <message>
        <source>Scans the page lying on the scanner glass</source>
        <translation>扫描放在扫描仪玻璃板上的那一页</translation>
    </message>
    <message>
        <source>Not scanned yet: %1</source>
        <translation>尚未扫描：%1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>✓ Every document is scanned. They are sent with your inquiry.</source>
        <translation>✓ 所有文件都已扫描，将随您的咨询一并发送。</translation>
    </message>
    <message>
        <source>Skip this document</source>
        <translation>跳过此文件</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Next document</source>
        <translation>下一份文件</translation>
    </message>
    <message>
        <source>Scan your documents</source>
        <translation>扫描您的文件</translation>
    </message>
    <message>
        <source>Scan again</source>
        <translation>重新扫描</translation>
    </message>
    <message>
        <source>The scanned page appears here</source>
        <translation>扫描的页面将显示在这里</translation>
    </message>
    <message>
        <source>Preview of the scanned page</source>
        <translation>扫描页面预览</translation>
    </message>
</context>
<context>
    <name>ScannerStatus</name>
    <message>
        <source>Scanner ready</source>
        <translation>扫描仪就绪</translation>
    </message>
    <message>
        <source>Scanner not found</source>
        <translation>未找到扫描仪</translation>
    </message>
    <message>
        <source>Scanner: no paper</source>
        <translation>扫描仪：无纸</translation>
    </message>
    <message>
        <source>Scanner: paper jammed</source>
        <translation>扫描仪：卡纸</translation>
    </message>
    <message>
        <source>Scanner: cover open</source>
        <translation>扫描仪：盖子未合上</translation>
    </message>
    <message>
        <source>Scanner busy</source>
        <translation>扫描仪忙</translation>
    </message>
    <message>
        <source>Scanner error</source>
        <translation>扫描仪故障</translation>
    </message>
</context>
<context>
    <name>ScansPanel</name>
    <message>
        <source>&amp;Previous page</source>
        <translation>上一页(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Next page</source>
        <translation>下一页(&amp;N)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>%n page</source>
        <translation>%n 页</translation>
    </message>
    <message>
        <source>%n pages</source>
        <translation>%n 页</translation>
    </message>
    <message>
        <source>No scanned documents.</source>
        <translation>没有扫描的文件。</translation>
    </message>
    <message>
        <source>This scan cannot be shown.</source>
        <translation>无法显示此扫描件。</translation>
    </message>
    <message>
        <source>Page %1 of %2, %3%</source>
        <translation>第 %1 页，共 %2 页，%3%</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <source>The two passwords are not the same. Please type them again.</source>
        <translation>两次输入的密码不一致，请重新输入。</translation>
    </message>
    <message>
        <source>Creating your account…</source>
        <translation>正在创建账户…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message numerus="yes">
        <source>Too many tries at this kiosk. Please wait %n second(s), or ask at the counter.</source>
        <translation>
            <numerusform>本自助机的尝试次数过多。请等待 %n 秒，或到柜台咨询。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A password needs at least %n characters. Spaces count: a short sentence you can remember works well.</source>
        <translation>
            <numerusform>密码至少需要 %n 个字符。空格也算字符：一句容易记住的短句就很好。</numerusform>
        </translation>
    </message>
    <message>
        <source>This password is on a list of common or leaked passwords. Please choose another one.</source>
        <translation>此密码属于常见或已泄露的密码，请换一个。</translation>
    </message>
    <message>
        <source>The password must not be the same as the user name.</source>
        <translation>密码不能与用户名相同。</translation>
    </message>
    <message>
        <source>This password is too long.</source>
        <translation>此密码太长。</translation>
    </message>
    <message>
        <source>A user name or e-mail address has 3 to 254 characters and no spaces.</source>
        <translation>用户名或电子邮件地址须为 3 至 254 个字符，且不含空格。</translation>
    </message>
    <message>
        <source>This user name is already taken. Sign in instead, or choose another one.</source>
        <translation>此用户名已被使用。请直接登录，或换一个用户名。</translation>
    </message>
    <message numerus="yes">
        <source>Please wait %n second(s) before trying again.</source>
        <translation>
            <numerusform>请等待 %n 秒后再试。</numerusform>
        </translation>
    </message>
    <message>
        <source>This account is locked after too many failed sign-ins. Please ask a member of staff to unlock it.</source>
        <translation>由于登录失败次数过多，此账户已被锁定。请请工作人员为您解锁。</translation>
    </message>
    <message>
        <source>This account is locked after too many failed sign-ins, until %1. Please come back then, or ask a member of staff.</source>
        <translation>由于登录失败次数过多，此账户已被锁定至 %1。请届时再来，或咨询工作人员。</translation>
    </message>
    <message>
        <source>The user name or the password is not right.</source>
        <translation>用户名或密码不正确。</translation>
    </message>
    <message numerus="yes">
        <source>After %n more failed attempt(s) the account will be locked for a while.</source>
        <translation>
            <numerusform>再失败 %n 次，账户将被暂时锁定。</numerusform>
        </translation>
    </message>
    <message>
        <source>Create an account</source>
        <translation>创建账户</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>I have an account</source>
        <translation>我已有账户</translation>
    </message>
    <message>
        <source>User name or e-mail</source>
        <translation>用户名或电子邮箱</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Show the password on screen</source>
        <translation>在屏幕上显示密码</translation>
    </message>
    <message>
        <source>Sign in with your user name and password</source>
        <translation>使用用户名和密码登录</translation>
    </message>
    <message>
        <source>Make a new account for this and later visits</source>
        <translation>为本次及以后的办理创建新账户</translation>
    </message>
    <message>
        <source>Your user name or e-mail address, 3 to 254 characters, no spaces</source>
        <translation>您的用户名或电子邮件地址，3 至 254 个字符，不含空格</translation>
    </message>
    <message>
        <source>Your password; it is hidden unless you choose to show it</source>
        <translation>您的密码；除非您选择显示，否则密码会被隐藏</translation>
    </message>
    <message>
        <source>Type the same password once more</source>
        <translation>再输入一次相同的密码</translation>
    </message>
    <message>
        <source>Shows the password as you type it; anyone near you can read it</source>
        <translation>输入时显示密码；您身边的人也能看到</translation>
    </message>
    <message numerus="yes">
        <source>Choose a password of at least %n characters. Spaces are allowed: a short sentence you can remember works well, such as &quot;my garden has three lemon trees&quot;. Common passwords are refused. No special characters are required.</source>
        <translation>
            <numerusform>请设置至少 %n 个字符的密码。可以包含空格：一句容易记住的拼音短句就很好，例如“wo jia you san ke ning meng shu”。常见密码会被拒绝。不要求特殊字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>After 10 failed attempts in a row the account is locked for 15 minutes.</source>
        <translation>连续失败 10 次后，账户将被锁定 15 分钟。</translation>
    </message>
    <message>
        <source>Clerk console — sign in</source>
        <translation>办事员控制台 — 登录</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <source>No account yet? An operator creates one on this computer&apos;s command line:
    uv run kiosk-clerk --add-staff USERNAME --role clerk   (or --role supervisor)
It asks for the password twice (at least 15 characters; a short sentence works well).</source>
        <translation>还没有账户？由管理员在这台电脑的命令行创建：
    uv run kiosk-clerk --add-staff USERNAME --role clerk   （或 --role supervisor）
密码需输入两次（至少 15 个字符；一个短句就很好）。</translation>
    </message>
    <message>
        <source>Forgot your password or locked out? Ask a supervisor.</source>
        <translation>忘记密码或账户被锁定？请联系主管。</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>Type your user name and your password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <source>Checking …</source>
        <translation>正在核验…</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Failed sign-ins</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>锁定至</translation>
    </message>
    <message>
        <source>Why? (required to unlock an account or add a clerk)</source>
        <translation>原因？（解锁账户或添加办事员时必填）</translation>
    </message>
    <message>
        <source>&amp;Unlock the chosen account</source>
        <translation>解锁所选账户(&amp;U)</translation>
    </message>
    <message>
        <source>at least 15 characters; a short sentence works well</source>
        <translation>至少 15 个字符；一个短句就很好</translation>
    </message>
    <message>
        <source>&amp;Add clerk</source>
        <translation>添加办事员(&amp;A)</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <source>New clerk (supervisors are created on the command line)</source>
        <translation>新办事员（主管须在命令行创建）</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Choose an account first.</source>
        <translation>请先选择一个账户。</translation>
    </message>
    <message>
        <source>%1 is unlocked.</source>
        <translation>%1 已解锁。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Clerk %1 added.</source>
        <translation>已添加办事员 %1。</translation>
    </message>
</context>
<context>
    <name>VisitWizard</name>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Your letter</source>
        <translation>您的通知信</translation>
    </message>
    <message>
        <source>Your case</source>
        <translation>您的案件</translation>
    </message>
    <message>
        <source>Choose a date</source>
        <translation>选择日期</translation>
    </message>
    <message>
        <source>Check and confirm</source>
        <translation>核对并确认</translation>
    </message>
    <message>
        <source>Your inquiry</source>
        <translation>您的询问</translation>
    </message>
    <message>
        <source>Your documents</source>
        <translation>您的文件</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Step %1 of %2 · %3</source>
        <translation>第 %1 步，共 %2 步 · %3</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Go back to the previous step</source>
        <translation>返回上一步</translation>
    </message>
    <message>
        <source>Go on to the next step</source>
        <translation>继续下一步</translation>
    </message>
    <message>
        <source>Confirm and send; after this there is no going back</source>
        <translation>确认并提交；提交后无法返回</translation>
    </message>
    <message>
        <source>End the visit; everything on screen is cleared</source>
        <translation>结束办理；屏幕上的所有内容将被清除</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Missed your immigrant visa interview?</source>
        <translation>错过了移民签证面谈？</translation>
    </message>
    <message>
        <source>Book a new interview at the U.S. Consulate General Guangzhou.</source>
        <translation>在美国驻广州总领事馆预约新的面谈。</translation>
    </message>
    <message>
        <source>You will need your Appointment Letter (it shows your case number) and the date of birth of the principal applicant. If you do not have the letter, you can ask for a copy here.</source>
        <translation>您需要面谈通知信（上面有您的案件号）以及主申请人的出生日期。如果没有通知信，可以在这里申请副本。</translation>
    </message>
    <message>
        <source>Choose your language, then touch Start.</source>
        <translation>请选择语言，然后点击“开始”。</translation>
    </message>
    <message>
        <source>Easier to read:</source>
        <translation>更易阅读：</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>大字体</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
    <message>
        <source>Show all text on the kiosk larger. Touch again for normal text.</source>
        <translation>放大自助机上的所有文字。再按一次恢复正常字体。</translation>
    </message>
    <message>
        <source>Show white and yellow text on black. Touch again for normal colours.</source>
        <translation>以黑底白字和黄字显示。再按一次恢复正常颜色。</translation>
    </message>
    <message>
        <source>Use the kiosk in %1</source>
        <translation>以 %1 使用自助机</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
</context>
<context>
    <name>documents</name>
    <message>
        <source>birth certificate</source>
        <translation>出生证明</translation>
    </message>
    <message>
        <source>marriage certificate</source>
        <translation>结婚证</translation>
    </message>
    <message>
        <source>spouse&apos;s birth certificate</source>
        <translation>配偶的出生证明</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>facts</name>
    <message>
        <source>{weekday} {day} {month} {year}</source>
        <translation>{year}年{month}{day}日 {weekday}</translation>
    </message>
    <message>
        <source>{month} {year}</source>
        <translation>{year}年{month}</translation>
    </message>
    <message>
        <source>{date}, {time} ({zone})</source>
        <translation>{date} {time} {zone}</translation>
    </message>
    <message>
        <source>Beijing time</source>
        <translation>北京时间</translation>
    </message>
    <message>
        <source>{city} time</source>
        <translation>当地时间（{city}）</translation>
    </message>
    <message>
        <source>You can change or cancel this appointment until the end of {deadline}.</source>
        <translation>您可以在{deadline}结束前更改或取消此预约。</translation>
    </message>
    <message>
        <source>This appointment can no longer be changed or cancelled. Please attend it.</source>
        <translation>此预约已不能更改或取消。请按时出席。</translation>
    </message>
    <message>
        <source>This appointment is less than three working days away. Once it is booked, it cannot be changed or cancelled.</source>
        <translation>此预约距今不足三个工作日。预约一经确认，便不能更改或取消。</translation>
    </message>
    <message>
        <source>Your previous appointment on {when} is cancelled.</source>
        <translation>您原定于{when}的预约已取消。</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <source>January</source>
        <translation>1月</translation>
    </message>
    <message>
        <source>February</source>
        <translation>2月</translation>
    </message>
    <message>
        <source>March</source>
        <translation>3月</translation>
    </message>
    <message>
        <source>April</source>
        <translation>4月</translation>
    </message>
    <message>
        <source>May</source>
        <translation>5月</translation>
    </message>
    <message>
        <source>June</source>
        <translation>6月</translation>
    </message>
    <message>
        <source>July</source>
        <translation>7月</translation>
    </message>
    <message>
        <source>August</source>
        <translation>8月</translation>
    </message>
    <message>
        <source>September</source>
        <translation>9月</translation>
    </message>
    <message>
        <source>October</source>
        <translation>10月</translation>
    </message>
    <message>
        <source>November</source>
        <translation>11月</translation>
    </message>
    <message>
        <source>December</source>
        <translation>12月</translation>
    </message>
</context>
<context>
    <name>findings</name>
    <message>
        <source>Visa class {visa_class} (fiancé(e)s and their children, nonimmigrant spouses, returning residents) cannot be scheduled or rescheduled with this service.</source>
        <translation>签证类别 {visa_class}（未婚夫/妻及其子女、非移民配偶、回美永久居民）不能通过本服务预约或重新预约。</translation>
    </message>
    <message>
        <source>Please ask at the counter how to proceed with your case.</source>
        <translation>请到柜台咨询您的案件应如何办理。</translation>
    </message>
    <message>
        <source>Case {case_number} has already been interviewed, so a new interview cannot be booked.</source>
        <translation>案件 {case_number} 已经面谈，因此不能预约新的面谈。</translation>
    </message>
    <message>
        <source>Submit an inquiry to the Consulate about your case instead of booking.</source>
        <translation>请不要预约，改为就您的案件向总领事馆提交咨询。</translation>
    </message>
    <message>
        <source>The last contact with the Consulate about case {case_number} was on {last_contact}, more than {years} year(s) ago.</source>
        <translation>案件 {case_number} 最后一次与总领事馆联系是在 {last_contact}，已超过 {years} 年。</translation>
    </message>
    <message>
        <source>Submit an inquiry to the Consulate to reactivate your case instead of booking.</source>
        <translation>请不要预约，改为向总领事馆提交咨询以重新激活您的案件。</translation>
    </message>
    <message>
        <source>Case {case_number} ({category}, chargeability {chargeability}) is not current: its priority date {priority_date} is not earlier than the final action date {final_action} in force this month.</source>
        <translation>案件 {case_number}（{category}，配额国别 {chargeability}）排期未到：其优先日期 {priority_date} 并不早于本月有效的最终行动日期 {final_action}。</translation>
    </message>
    <message>
        <source>Do not book an interview. Submit an inquiry, or wait until your priority date is current.</source>
        <translation>请不要预约面谈。请提交咨询，或等待您的优先日期排到。</translation>
    </message>
    <message>
        <source>Case {case_number} ({category}, chargeability {chargeability}) is not current: no visas are available in this category this month.</source>
        <translation>案件 {case_number}（{category}，配额国别 {chargeability}）排期未到：本月该类别没有可用签证。</translation>
    </message>
    <message>
        <source>Do not book an interview. Submit an inquiry, or wait until visas are available again.</source>
        <translation>请不要预约面谈。请提交咨询，或等待签证重新可用。</translation>
    </message>
    <message>
        <source>Case {case_number} ({category}) has no priority date on record, so it cannot be found current.</source>
        <translation>案件 {case_number}（{category}）没有优先日期记录，因此无法确认排期已到。</translation>
    </message>
    <message>
        <source>Do not book an interview. Submit an inquiry about your priority date.</source>
        <translation>请不要预约面谈。请就您的优先日期提交咨询。</translation>
    </message>
    <message>
        <source>No cut-off date is recorded for {category}, chargeability {chargeability}, in {month}, so the kiosk cannot tell whether case {case_number} is current.</source>
        <translation>{month} 没有 {category}（配额国别 {chargeability}）的截止日期记录，因此自助机无法判断案件 {case_number} 的排期是否已到。</translation>
    </message>
    <message>
        <source>Submit an inquiry about whether your case is current; the staff have been notified.</source>
        <translation>请就您的案件排期是否已到提交咨询；工作人员已收到通知。</translation>
    </message>
    <message>
        <source>The visa class of case {case_number} has been changed.</source>
        <translation>案件 {case_number} 的签证类别已变更。</translation>
    </message>
    <message>
        <source>Submit an inquiry to the Consulate instead of booking.</source>
        <translation>请不要预约，改为向总领事馆提交咨询。</translation>
    </message>
    <message>
        <source>Your appointment scheduled by the Consulate on {appointment} has not passed yet. A new appointment may only be booked after a missed one.</source>
        <translation>总领事馆为您安排在 {appointment} 的预约尚未过去。只有错过预约后才能预约新的面谈。</translation>
    </message>
    <message>
        <source>Attend that appointment. If you miss it, you may book a new one from {earliest}.</source>
        <translation>请按时参加该预约。如果错过，您可以从 {earliest} 起预约新的面谈。</translation>
    </message>
    <message>
        <source>Your appointment on {appointment} can no longer be changed or cancelled: changes were possible until the end of {deadline} ({working_days} working days before it).</source>
        <translation>您在 {appointment} 的预约已不能更改或取消：更改期限为 {deadline} 结束前（预约日前 {working_days} 个工作日）。</translation>
    </message>
    <message>
        <source>{name} is {age} years old and the Consulate has not yet confirmed whether the Child Status Protection Act (CSPA) protects them. Children over 21 without that confirmation should not book an interview or take the medical examination.</source>
        <translation>{name} 现年 {age} 岁，总领事馆尚未确认其是否受《儿童身份保护法》（CSPA）保护。未获此确认的 21 岁以上子女不应预约面谈或进行体检。</translation>
    </message>
    <message>
        <source>Submit a CSPA inquiry for {name} before rescheduling.</source>
        <translation>重新预约前，请为 {name} 提交 CSPA 咨询。</translation>
    </message>
    <message>
        <source>{name} turns {age_limit} on {birthday}. After that day a child may no longer be able to derive status unless the Child Status Protection Act (CSPA) protects them.</source>
        <translation>{name} 将于 {birthday} 年满 {age_limit} 岁。此后，除非受《儿童身份保护法》（CSPA）保护，子女可能无法再获得衍生身份。</translation>
    </message>
    <message>
        <source>Choose an early appointment, before {birthday}, or submit a CSPA inquiry first.</source>
        <translation>请选择 {birthday} 之前的较早预约，或先提交 CSPA 咨询。</translation>
    </message>
    <message>
        <source>Cases {others} have the same petitioner as case {case_number}. Cases with the same petitioner must not book separate appointments.</source>
        <translation>案件 {others} 与案件 {case_number} 的担保人相同。同一担保人的案件不得分别预约。</translation>
    </message>
    <message>
        <source>Book one appointment for all applicants of cases {group}.</source>
        <translation>请为案件 {group} 的所有申请人预约同一个时间。</translation>
    </message>
    <message>
        <source>Cases {others} have the same petitioner as case {case_number}, and case {join} already holds an appointment on {appointment}.</source>
        <translation>案件 {others} 与案件 {case_number} 的担保人相同，且案件 {join} 已有 {appointment} 的预约。</translation>
    </message>
    <message>
        <source>Add the applicants of case {case_number} to the appointment of case {join} instead of booking another one.</source>
        <translation>请将案件 {case_number} 的申请人加入案件 {join} 的预约，不要另行预约。</translation>
    </message>
    <message>
        <source>{name} is married. A married child cannot derive immigration status from the principal applicant.</source>
        <translation>{name} 已婚。已婚子女不能从主申请人处获得衍生移民身份。</translation>
    </message>
    <message>
        <source>Book the interview for the other applicants. {name} may be able to immigrate on a petition of their own; please ask at the counter about it.</source>
        <translation>请为其他申请人预约面谈。{name} 或许可以通过其本人的移民申请办理移民；请到柜台咨询。</translation>
    </message>
    <message>
        <source>{name} is {age} years old and the Consulate has found that the Child Status Protection Act (CSPA) does not protect them.</source>
        <translation>{name} 现年 {age} 岁，总领事馆已认定其不受《儿童身份保护法》（CSPA）保护。</translation>
    </message>
    <message>
        <source>{name} is not named on the Appointment Letter, so they cannot be added to the interview here.</source>
        <translation>{name} 的姓名不在面谈通知信上，因此不能在此加入面谈。</translation>
    </message>
    <message>
        <source>Submit an inquiry to add {name} to the case, attaching a scanned copy of: {documents_list}.</source>
        <translation>请提交咨询，申请将 {name} 加入案件，并附上以下文件的扫描件：{documents_list}。</translation>
    </message>
    <message>
        <source>You need the original Appointment Letter (Packet 4): it carries your case number and the names of all eligible applicants.</source>
        <translation>您需要面谈通知信原件（第四封信）：信上有您的案件号和所有符合资格的申请人姓名。</translation>
    </message>
    <message>
        <source>Submit an inquiry to request a copy of your Appointment Letter.</source>
        <translation>请提交咨询，申请面谈通知信副本。</translation>
    </message>
    <message>
        <source>{day} is not a working day of the post: {holiday}.</source>
        <translation>{day} 不是领事馆的工作日：{holiday}。</translation>
    </message>
    <message>
        <source>Choose another day.</source>
        <translation>请选择其他日期。</translation>
    </message>
    <message>
        <source>{day} is a weekend day; the post is closed.</source>
        <translation>{day} 是周末，领事馆不办公。</translation>
    </message>
    <message>
        <source>The appointment at {start} is less than {hours} hours away and can no longer be booked.</source>
        <translation>{start} 的预约距现在已不足 {hours} 小时，不能再预约。</translation>
    </message>
    <message>
        <source>Choose a later appointment.</source>
        <translation>请选择更晚的预约时间。</translation>
    </message>
    <message>
        <source>The appointment at {start} is more than {days} days ahead and cannot be booked yet.</source>
        <translation>{start} 的预约在 {days} 天以后，暂不能预约。</translation>
    </message>
    <message>
        <source>Choose an earlier appointment.</source>
        <translation>请选择更早的预约时间。</translation>
    </message>
    <message>
        <source>The appointment at {start} has {seats_left} seat(s) left, but {needed} applicant(s) must attend.</source>
        <translation>{start} 的预约只剩 {seats_left} 个名额，但有 {needed} 位申请人需要参加。</translation>
    </message>
    <message>
        <source>Choose another appointment.</source>
        <translation>请选择其他预约时间。</translation>
    </message>
</context>
<context>
    <name>printout</name>
    <message>
        <source>Immigrant visa interview — appointment confirmation</source>
        <translation>移民签证面谈 — 预约确认单</translation>
    </message>
    <message>
        <source>COPY — reprinted {printed}. The booking itself is unchanged.</source>
        <translation>副本 — 于 {printed} 重新打印。预约本身没有变化。</translation>
    </message>
    <message>
        <source>This confirmation replaces booking {reference}. That booking is no longer valid.</source>
        <translation>本确认单取代预约 {reference}。该预约已失效。</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案件号</translation>
    </message>
    <message>
        <source>Booking reference</source>
        <translation>预约编号</translation>
    </message>
    <message>
        <source>Cases booked together</source>
        <translation>一起预约的案件</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>签发时间</translation>
    </message>
    <message>
        <source>Applicants attending the interview</source>
        <translation>参加面谈的申请人</translation>
    </message>
    <message>
        <source>What to bring</source>
        <translation>请携带</translation>
    </message>
    <message>
        <source>If you cannot attend</source>
        <translation>如果您无法前来</translation>
    </message>
    <message>
        <source>For the consulate: scan to verify</source>
        <translation>供领事馆扫描核验</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>日期和时间</translation>
    </message>
    <message>
        <source>Your user name (to sign in next time)</source>
        <translation>您的用户名（下次登录用）</translation>
    </message>
    <message>
        <source>Issued offline by this kiosk. This confirmation is final: the booking is yours, and the consulate&apos;s system records it as soon as the kiosk reconnects.</source>
        <translation>由本自助机离线签发。本确认函为最终确认：该预约属于您，自助机恢复连接后，总领事馆系统会立即记录。</translation>
    </message>
    <message>
        <source>Inquiry receipt</source>
        <translation>咨询回执</translation>
    </message>
    <message>
        <source>Inquiry reference</source>
        <translation>咨询编号</translation>
    </message>
    <message>
        <source>Inquiry</source>
        <translation>咨询</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>The answer goes to</source>
        <translation>答复发送至</translation>
    </message>
    <message>
        <source>Expect the answer by</source>
        <translation>预计答复日期</translation>
    </message>
    <message>
        <source>Your message</source>
        <translation>您的留言</translation>
    </message>
    <message>
        <source>Documents to bring or send</source>
        <translation>需携带或寄送的文件</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>No documents are needed for this inquiry.</source>
        <translation>此咨询无需提供文件。</translation>
    </message>
    <message>
        <source>What happens next</source>
        <translation>后续步骤</translation>
    </message>
    <message>
        <source>Keep this receipt. Quote the inquiry reference whenever you contact the consulate about this inquiry.</source>
        <translation>请保留此回执。就此咨询联系领事馆时，请提供咨询编号。</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>第 {page} 页，共 {pages} 页</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>演示 DEMO</translation>
    </message>
    <message>
        <source>DEMO — not a real appointment. Printed by a demonstration kiosk; not valid at the consulate.</source>
        <translation>演示 — 并非真实预约。本文件由演示用自助机打印，在领事馆无效。</translation>
    </message>
    <message>
        <source>DEMO — not a real inquiry. Printed by a demonstration kiosk; not valid at the consulate.</source>
        <translation>演示 — 并非真实咨询。本回执由演示用自助机打印，在领事馆无效。</translation>
    </message>
    <message>
        <source>This confirmation, printed.</source>
        <translation>本预约确认单（打印件）。</translation>
    </message>
    <message>
        <source>The original Appointment Letter (Packet 4) with your case number.</source>
        <translation>载有您案件号的面谈通知信原件（第四封信）。</translation>
    </message>
    <message>
        <source>A valid passport for every applicant attending.</source>
        <translation>每位参加面谈的申请人的有效护照。</translation>
    </message>
    <message>
        <source>Original civil documents (birth, marriage, police certificates) and a copy of each.</source>
        <translation>民事文件原件（出生、婚姻、无犯罪记录证明）及每份文件的复印件。</translation>
    </message>
    <message>
        <source>The medical examination results, if the panel physician gave them to you sealed.</source>
        <translation>体检结果（如指定医生将密封的体检结果交给了您）。</translation>
    </message>
    <message>
        <source>Copy of the Appointment Letter</source>
        <translation>面谈通知信副本</translation>
    </message>
    <message>
        <source>Add a spouse or child to the case</source>
        <translation>在案件中添加配偶或子女</translation>
    </message>
    <message>
        <source>Child Status Protection Act (CSPA) check</source>
        <translation>《儿童身份保护法》（CSPA）审核</translation>
    </message>
    <message>
        <source>Case already interviewed</source>
        <translation>案件已面谈</translation>
    </message>
    <message>
        <source>No contact with the consulate for more than a year</source>
        <translation>超过一年未与领事馆联系</translation>
    </message>
    <message>
        <source>Case not current under the cut-off dates</source>
        <translation>案件排期未到</translation>
    </message>
    <message>
        <source>Visa class changed</source>
        <translation>签证类别已变更</translation>
    </message>
    <message>
        <source>The consulate will send you a copy of your Appointment Letter. Book an appointment once you have it.</source>
        <translation>领事馆将寄给您面谈通知信的副本。收到后请预约面谈。</translation>
    </message>
    <message>
        <source>Bring or send a copy of each document listed above. The consulate will tell you when the applicant has been added; do not book before then.</source>
        <translation>请携带或寄送上列每份文件的复印件。申请人被加入案件后，领事馆会通知您；在此之前请不要预约。</translation>
    </message>
    <message>
        <source>Do not book an interview or undertake the visa medical examination for the child until the consulate has written to you about the child&apos;s eligibility.</source>
        <translation>在领事馆书面通知您该子女的资格之前，请不要为其预约面谈或进行签证体检。</translation>
    </message>
    <message>
        <source>Your case has already been interviewed. The consulate will answer your inquiry; do not book a new appointment.</source>
        <translation>您的案件已经面谈。领事馆将答复您的咨询；请不要预约新的面谈。</translation>
    </message>
    <message>
        <source>The consulate will review your case and tell you how to continue before any appointment is booked.</source>
        <translation>在预约任何面谈之前，领事馆将审核您的案件并告知您如何继续。</translation>
    </message>
    <message>
        <source>Your case can be scheduled once it is current. The consulate will answer your inquiry.</source>
        <translation>您的案件排期到了之后即可预约。领事馆将答复您的咨询。</translation>
    </message>
    <message>
        <source>The consulate will review the change of visa class and tell you how to continue.</source>
        <translation>领事馆将审核签证类别的变更，并告知您如何继续。</translation>
    </message>
    <message>
        <source>still to bring or send</source>
        <translation>尚待携带或寄送</translation>
    </message>
    <message>
        <source>received</source>
        <translation>已收到</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>not accepted — please send again</source>
        <translation>未被接受 — 请重新寄送</translation>
    </message>
</context>
<context>
    <name>refusals</name>
    <message>
        <source>This time has no seats left for all your applicants.</source>
        <translation>此时间段已没有足够名额容纳您的所有申请人。</translation>
    </message>
    <message>
        <source>Please choose another time.</source>
        <translation>请选择其他时间。</translation>
    </message>
    <message>
        <source>This time closes for booking 48 hours before it starts.</source>
        <translation>此时间段在开始前 48 小时停止预约。</translation>
    </message>
    <message>
        <source>Please choose a later time.</source>
        <translation>请选择更晚的时间。</translation>
    </message>
    <message>
        <source>The Consulate is closed on that day.</source>
        <translation>总领事馆当天不办公。</translation>
    </message>
    <message>
        <source>Please choose another day.</source>
        <translation>请选择其他日期。</translation>
    </message>
    <message>
        <source>That day is too far ahead to book yet.</source>
        <translation>该日期太远，暂不能预约。</translation>
    </message>
    <message>
        <source>Please choose an earlier day.</source>
        <translation>请选择更早的日期。</translation>
    </message>
    <message>
        <source>This appointment can no longer be changed or cancelled: the change deadline (three working days before it) has passed.</source>
        <translation>此预约已不能更改或取消：更改期限（预约日前三个工作日）已过。</translation>
    </message>
    <message>
        <source>There is no appointment to cancel for this case.</source>
        <translation>此案件没有可取消的预约。</translation>
    </message>
    <message>
        <source>The consulate&apos;s booking system cannot be reached right now, so nothing was booked or changed. You can still check your case and send an inquiry.</source>
        <translation>目前无法连接领事馆的预约系统，因此未进行任何预约或更改。您仍可查询案件和提交咨询。</translation>
    </message>
    <message>
        <source>Please try again in a few minutes, or ask at the counter.</source>
        <translation>请几分钟后再试，或到柜台咨询。</translation>
    </message>
    <message>
        <source>Your booking could not be confirmed yet.</source>
        <translation>您的预约暂时未能确认。</translation>
    </message>
    <message>
        <source>Please do not leave: ask at the counter.</source>
        <translation>请不要离开：请到柜台询问。</translation>
    </message>
    <message>
        <source>Your cancellation could not be confirmed yet.</source>
        <translation>您的取消暂时未能确认。</translation>
    </message>
    <message>
        <source>Existing accounts cannot be checked right now because this kiosk has lost its connection to the consulate.</source>
        <translation>本自助机已与领事馆断开连接，目前无法验证已有账户。</translation>
    </message>
    <message>
        <source>You can create a new account here, or ask at the counter.</source>
        <translation>您可以在此创建新账户，或到柜台咨询。</translation>
    </message>
    <message>
        <source>Your confirmation cannot be printed right now because this kiosk has lost its connection to the consulate. Your booking is saved.</source>
        <translation>本自助机已与领事馆断开连接，目前无法打印您的预约确认单。您的预约已保存。</translation>
    </message>
    <message>
        <source>Please ask a clerk at the counter to print it.</source>
        <translation>请到柜台请工作人员为您打印。</translation>
    </message>
    <message>
        <source>The Consulate&apos;s rules do not allow this ({code}).</source>
        <translation>总领事馆的规定不允许此操作（{code}）。</translation>
    </message>
    <message>
        <source>Please ask at the counter.</source>
        <translation>请到柜台咨询。</translation>
    </message>
    <message>
        <source>We could not find this case number with this date of birth.</source>
        <translation>未能找到与此出生日期相符的案件号。</translation>
    </message>
    <message>
        <source>Please check both: three letters and ten digits, and the principal applicant&apos;s date of birth.</source>
        <translation>请核对两项内容：三个字母加十位数字的案件号，以及主申请人的出生日期。</translation>
    </message>
    <message>
        <source>Please type the date of birth as year, month and day, e.g. 19880730.</source>
        <translation>请按 年月日 输入出生日期，例如 19880730。</translation>
    </message>
    <message>
        <source>The message is too long or contains characters that cannot be sent.</source>
        <translation>留言过长，或含有无法发送的字符。</translation>
    </message>
    <message>
        <source>Please check what you typed and try again.</source>
        <translation>请检查您输入的内容后重试。</translation>
    </message>
    <message>
        <source>Something went wrong on our side.</source>
        <translation>系统出现问题。</translation>
    </message>
    <message>
        <source>Please try again, or ask a member of staff.</source>
        <translation>请重试，或向工作人员求助。</translation>
    </message>
</context>
</TS>
