<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es_CL" sourcelanguage="en">
<context>
    <name>AcknowledgeIncidentDialog</name>
    <message>
        <source>Review audit incident</source>
        <translation>Revisar incidente de auditoría</translation>
    </message>
    <message>
        <source>The audit log was altered outside the app: entries were cut off its end, or it was rewound. Until a coordinator acknowledges it, no change is saved. Check what happened (who had the laptop, which backups exist) before acknowledging; your name and note are recorded.</source>
        <translation>La bitácora de auditoría fue alterada fuera de la aplicación: se eliminaron entradas de su final o se hizo retroceder. Mientras un coordinador no lo reconozca, no se guarda ningún cambio. Averigüe qué pasó (quién tuvo el computador, qué copias de seguridad hay) antes de reconocerlo; quedan registrados su nombre y su nota.</translation>
    </message>
    <message>
        <source>What was checked (optional)</source>
        <translation>Qué se revisó (opcional)</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Reconocer</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Nota:</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add user</source>
        <translation>Agregar usuario</translation>
    </message>
    <message>
        <source>Staff edit participant files; viewers only read; coordinators also see banked cases and manage users. Give the initial passphrase to the person in private.</source>
        <translation>El equipo edita las fichas; consulta solo lee; coordinación además ve los casos en reserva y administra usuarios. Entregue la frase de acceso inicial a la persona en privado.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>R&amp;ol:</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Frase de acceso:</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Repetir:</translation>
    </message>
    <message>
        <source>&amp;Add user</source>
        <translation>&amp;Agregar usuario</translation>
    </message>
    <message>
        <source>A user with this name already exists.</source>
        <translation>Ya existe un usuario con ese nombre.</translation>
    </message>
    <message>
        <source>This passphrase is too weak; make it longer to continue.</source>
        <translation>Esta frase de acceso es demasiado débil; alárguela para continuar.</translation>
    </message>
    <message>
        <source>The two passphrases do not match.</source>
        <translation>Las dos frases de acceso no coinciden.</translation>
    </message>
</context>
<context>
    <name>AuditIncident</name>
    <message>
        <source>Changes are refused until a coordinator reviews the audit incident: Vault › Review audit incident…</source>
        <translation>No se guardarán cambios hasta que un coordinador revise el incidente de auditoría: Bóveda › Revisar incidente de auditoría…</translation>
    </message>
    <message>
        <source>Changes are refused until a coordinator reviews the audit incident.</source>
        <translation>No se guardarán cambios hasta que un coordinador revise el incidente de auditoría.</translation>
    </message>
    <message>
        <source>The audit log is intact: {n} entries from {d} device(s).</source>
        <translation>La bitácora de auditoría está íntegra: {n} entradas de {d} equipo(s).</translation>
    </message>
    <message>
        <source>The audit log is BROKEN at entry {n}: {reason}</source>
        <translation>La bitácora de auditoría está ROTA en la entrada {n}: {reason}</translation>
    </message>
    <message>
        <source>Incidents:</source>
        <translation>Incidentes:</translation>
    </message>
    <message>
        <source>Changes are refused until a coordinator reviews it.</source>
        <translation>No se guardarán cambios hasta que un coordinador lo revise.</translation>
    </message>
    <message>
        <source>&amp;Verify audit log…</source>
        <translation>&amp;Verificar auditoría…</translation>
    </message>
    <message>
        <source>Review audit &amp;incident…</source>
        <translation>Revisar &amp;incidente de auditoría…</translation>
    </message>
    <message>
        <source>Checked {done} of {total} entries…</source>
        <translation>Revisadas {done} de {total} entradas…</translation>
    </message>
    <message>
        <source>Verifying the audit log…</source>
        <translation>Verificando la bitácora de auditoría…</translation>
    </message>
    <message>
        <source>Audit log verification cancelled.</source>
        <translation>Verificación de la bitácora de auditoría cancelada.</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Bitácora de auditoría</translation>
    </message>
    <message>
        <source>There is no open audit incident.</source>
        <translation>No hay incidentes de auditoría abiertos.</translation>
    </message>
    <message>
        <source>Audit incident acknowledged; changes are saved again.</source>
        <translation>Incidente de auditoría reconocido; los cambios se guardan otra vez.</translation>
    </message>
    <message>
        <source>Entry {seq} ({at}): {description}</source>
        <translation>Entrada {seq} ({at}): {description}</translation>
    </message>
    <message>
        <source>open</source>
        <translation>abierto</translation>
    </message>
    <message>
        <source>acknowledged by {user}</source>
        <translation>reconocido por {user}</translation>
    </message>
</context>
<context>
    <name>BankedCaseTab</name>
    <message>
        <source>Restricted: only coordinators see this tab. Record references only (RUC, unit, dates) — never evidence, informants or undercover agents.</source>
        <translation>Reservado: solo coordinadores ven esta pestaña. Registre solo referencias (RUC, unidad, fechas), nunca evidencia, informantes ni agentes encubiertos.</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>Choose a new passphrase</source>
        <translation>Elija una frase de acceso nueva</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>Cambiar frase de acceso</translation>
    </message>
    <message>
        <source>You opened the vault with the recovery key. Choose a new passphrase for {user} now; the old one stops working.</source>
        <translation>Abrió la bóveda con la clave de recuperación. Elija ahora una frase de acceso nueva para {user}; la anterior deja de funcionar.</translation>
    </message>
    <message>
        <source>New passphrase for {user}.</source>
        <translation>Nueva frase de acceso para {user}.</translation>
    </message>
    <message>
        <source>C&amp;urrent passphrase:</source>
        <translation>Frase &amp;actual:</translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation>Frase &amp;nueva:</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Repetir:</translation>
    </message>
    <message>
        <source>Someone else may know my current passphrase</source>
        <translation>Otra persona podría conocer mi frase de acceso actual</translation>
    </message>
    <message>
        <source>The vault is then re-encrypted under a new key, after a safety backup: a copy of the key file with the old passphrase opens nothing written from now on. It takes longer.</source>
        <translation>La bóveda se vuelve a cifrar con una llave nueva, después de un respaldo de seguridad: una copia del archivo de llaves con la frase anterior no abrirá nada de lo que se escriba desde ahora. Toma más tiempo.</translation>
    </message>
    <message>
        <source>&amp;Change passphrase</source>
        <translation>&amp;Cambiar frase de acceso</translation>
    </message>
    <message>
        <source>This passphrase is too weak; make it longer to continue.</source>
        <translation>Esta frase de acceso es demasiado débil; alárguela para continuar.</translation>
    </message>
    <message>
        <source>The two passphrases do not match.</source>
        <translation>Las dos frases de acceso no coinciden.</translation>
    </message>
    <message>
        <source>The current passphrase is wrong.</source>
        <translation>La frase de acceso actual es incorrecta.</translation>
    </message>
</context>
<context>
    <name>CheckInsTab</name>
    <message>
        <source>New check-in…</source>
        <translation>Nuevo control…</translation>
    </message>
    <message>
        <source>No check-ins recorded yet.</source>
        <translation>Aún no hay controles registrados.</translation>
    </message>
    <message>
        <source>e.g. at the fair, at work</source>
        <translation>p. ej. en la feria, en el trabajo</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>Control</translation>
    </message>
    <message>
        <source>New check-in</source>
        <translation>Nuevo control</translation>
    </message>
</context>
<context>
    <name>ClashDialog</name>
    <message>
        <source>Scheduling conflicts</source>
        <translation>Conflictos de agenda</translation>
    </message>
    <message>
        <source>The meeting was not saved. These conflicts were found:</source>
        <translation>La reunión no se guardó. Se encontraron estos conflictos:</translation>
    </message>
    <message>
        <source>To save anyway, say why. The conflicts you accept and your reason are recorded in the audit log.</source>
        <translation>Para guardar de todos modos, indique por qué. Los conflictos que acepta y su motivo quedan en la bitácora de auditoría.</translation>
    </message>
    <message>
        <source>Why save despite the conflicts? (required)</source>
        <translation>¿Por qué guardar pese a los conflictos? (obligatorio)</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>Guardar de todos modos</translation>
    </message>
    <message>
        <source>Go back and change it</source>
        <translation>Volver y cambiarla</translation>
    </message>
</context>
<context>
    <name>DateLineEdit</name>
    <message>
        <source>DD-MM-YYYY</source>
        <translation>DD-MM-AAAA</translation>
    </message>
</context>
<context>
    <name>DevicePage</name>
    <message>
        <source>This computer</source>
        <translation>Este computador</translation>
    </message>
    <message>
        <source>A short code that identifies this laptop, and the folder of the vault.</source>
        <translation>Un código corto que identifica este computador, y la carpeta de la bóveda.</translation>
    </message>
    <message>
        <source>Every case number created on this computer starts with its device code, so records made on different laptops never clash. Use 2 to 6 letters or digits; the suggestion comes from the organisation's initials: add a digit (MLC2) if another laptop of the programme already uses it.</source>
        <translation>Cada número de caso creado en este computador empieza con su código de equipo, así los registros hechos en distintos computadores nunca chocan. Use de 2 a 6 letras o dígitos; la sugerencia viene de las iniciales de la organización: agregue un dígito (MLC2) si otro computador del programa ya la usa.</translation>
    </message>
    <message>
        <source>&amp;Device code:</source>
        <translation>&amp;Código de equipo:</translation>
    </message>
    <message>
        <source>&amp;Vault folder:</source>
        <translation>Carpeta de la &amp;bóveda:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Examinar…</translation>
    </message>
    <message>
        <source>Case numbers will look like {example}</source>
        <translation>Los números de caso se verán así: {example}</translation>
    </message>
    <message>
        <source>To continue, the device code needs 2 to 6 letters or digits.</source>
        <translation>Para continuar, el código del equipo necesita de 2 a 6 letras o dígitos.</translation>
    </message>
    <message>
        <source>To continue, choose the folder for the vault.</source>
        <translation>Para continuar, elija la carpeta de la bóveda.</translation>
    </message>
    <message>
        <source>Folder for the vault</source>
        <translation>Carpeta para la bóveda</translation>
    </message>
    <message>
        <source>There is already a vault in {folder}. Choose another folder.</source>
        <translation>Ya hay una bóveda en {folder}. Elija otra carpeta.</translation>
    </message>
</context>
<context>
    <name>DirectoryDialog</name>
    <message>
        <source>Venues</source>
        <translation>Lugares</translation>
    </message>
    <message>
        <source>Partner contacts</source>
        <translation>Contactos de instituciones</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Capacidad</translation>
    </message>
    <message>
        <source>Accessibility</source>
        <translation>Accesibilidad</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organización</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Agregar…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Show…</source>
        <translation>Ver…</translation>
    </message>
    <message>
        <source>New venue</source>
        <translation>Nuevo lugar</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Nuevo contacto</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>Remove “{name}”? Meetings that used it keep their record.</source>
        <translation>¿Eliminar «{name}»? Las reuniones que lo usaron conservan su registro.</translation>
    </message>
</context>
<context>
    <name>EligibilityTab</name>
    <message>
        <source>New review…</source>
        <translation>Nueva revisión…</translation>
    </message>
    <message>
        <source>No eligibility review yet. Record one after reviewing the case with the prosecutor.</source>
        <translation>Aún no hay revisión de elegibilidad. Regístrela después de revisar el caso con la Fiscalía.</translation>
    </message>
</context>
<context>
    <name>EmptyResult</name>
    <message>
        <source>There are no participants in this vault yet. Add one (Ctrl+N) or import a list.</source>
        <translation>Aún no hay participantes en esta bóveda. Agregue uno (Ctrl+N) o importe un listado.</translation>
    </message>
    <message>
        <source>No participant matches “{search}”</source>
        <translation>Ningún participante coincide con «{search}»</translation>
    </message>
    <message>
        <source>No participant</source>
        <translation>Ningún participante</translation>
    </message>
    <message>
        <source>with status {status}</source>
        <translation>en estado {status}</translation>
    </message>
    <message>
        <source>in sector {sector}</source>
        <translation>en el sector {sector}</translation>
    </message>
    <message>
        <source>with the view's other conditions</source>
        <translation>con las demás condiciones de la vista</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Limpiar filtros</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>An unexpected error occurred; the operation did not finish. Details are in the log.</source>
        <translation>Ocurrió un error inesperado y la operación no terminó. Los detalles quedaron en el registro.</translation>
    </message>
    <message>
        <source>DMI Desktop</source>
        <translation>DMI Desktop</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>CSV for Excel (*.csv)</source>
        <translation>CSV para Excel (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Libro de Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export participants</source>
        <translation>Exportar participantes</translation>
    </message>
    <message>
        <source>participants.csv</source>
        <translation>participantes.csv</translation>
    </message>
    <message>
        <source>1 participant exported to {file}.</source>
        <translation>1 participante exportado a {file}.</translation>
    </message>
    <message>
        <source>{count} participants exported to {file}.</source>
        <translation>{count} participantes exportados a {file}.</translation>
    </message>
    <message>
        <source>Exporting participants…</source>
        <translation>Exportando participantes…</translation>
    </message>
</context>
<context>
    <name>ExportWarningDialog</name>
    <message>
        <source>Unencrypted file</source>
        <translation>Archivo sin cifrar</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;{file} will not be encrypted.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Anyone who gets a copy of it (a USB stick, an e-mail, a shared folder) can read the names, RUTs and statuses it holds.&lt;/p&gt;&lt;p&gt;To send data to a partner institution, use the encrypted partner export when it comes with synchronisation. Until then, keep this file only as long as you need it and delete it afterwards.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;{file} no irá cifrado.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Cualquiera que obtenga una copia (un pendrive, un correo, una carpeta compartida) podrá leer los nombres, RUT y estados que contiene.&lt;/p&gt;&lt;p&gt;Para enviar datos a una institución asociada, use la exportación cifrada para instituciones cuando llegue con la sincronización. Mientras tanto, guarde este archivo solo el tiempo necesario y luego elimínelo.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Don't ask again</source>
        <translation>No volver a preguntar</translation>
    </message>
    <message>
        <source>Export anyway</source>
        <translation>Exportar de todos modos</translation>
    </message>
</context>
<context>
    <name>FileHeader</name>
    <message>
        <source>Minor</source>
        <translation>Menor de edad</translation>
    </message>
    <message>
        <source>Under 18: call-ins need parental release (16 and over only).</source>
        <translation>Menor de 18: la citación requiere autorización de los padres (solo desde los 16 años).</translation>
    </message>
    <message>
        <source>Change status…</source>
        <translation>Cambiar estado…</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(sin nombre)</translation>
    </message>
    <message>
        <source>Case {case_no}</source>
        <translation>Caso {case_no}</translation>
    </message>
    <message>
        <source>The file is closed: no further status changes.</source>
        <translation>La ficha está cerrada: no admite más cambios de estado.</translation>
    </message>
    <message>
        <source>Your role can only consult files.</source>
        <translation>Su rol solo permite consultar fichas.</translation>
    </message>
    <message>
        <source>Move the file to one of the next allowed states.</source>
        <translation>Pasar la ficha a uno de los estados siguientes permitidos.</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose the file</source>
        <translation>Elegir el archivo</translation>
    </message>
    <message>
        <source>A CSV (as Excel saves it) or an Excel .xlsx file with one participant per row and a header row, or a JSON export of DMI Desktop. People exported by this app are updated, not duplicated.</source>
        <translation>Un CSV (como lo guarda Excel) o un archivo Excel .xlsx con un participante por fila y una fila de encabezados, o una exportación JSON de DMI Desktop. Las personas exportadas por esta aplicación se actualizan, no se duplican.</translation>
    </message>
    <message>
        <source>Path of the file to import</source>
        <translation>Ruta del archivo a importar</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Import participants</source>
        <translation>Importar participantes</translation>
    </message>
    <message>
        <source>Spreadsheets and exports (*.csv *.xlsx *.json);;All files (*)</source>
        <translation>Planillas y exportaciones (*.csv *.xlsx *.json);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>No file at that path.</source>
        <translation>No hay ningún archivo en esa ruta.</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Leyendo el archivo…</translation>
    </message>
</context>
<context>
    <name>FileSummary</name>
    <message>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>Banked case expires</source>
        <translation>Vencimiento del caso en reserva</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Edad</translation>
    </message>
    <message>
        <source>Last check-in</source>
        <translation>Último control</translation>
    </message>
    <message>
        <source>Services in progress</source>
        <translation>Servicios en curso</translation>
    </message>
    <message>
        <source>Violations</source>
        <translation>Incumplimientos</translation>
    </message>
    <message>
        <source>{age} years</source>
        <translation>{age} años</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocida</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>ninguno aún</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>no date</source>
        <translation>sin fecha</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>DMI Desktop — first start</source>
        <translation>DMI Desktop — primer inicio</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Atrás</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Siguiente &gt;</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Finalizar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>&amp;Create vault</source>
        <translation>&amp;Crear bóveda</translation>
    </message>
    <message>
        <source>The vault has been created. Save the recovery key, tick the box and press Finish.</source>
        <translation>La bóveda ya fue creada. Guarde la clave de recuperación, marque la casilla y presione Finalizar.</translation>
    </message>
</context>
<context>
    <name>FirstStepsPage</name>
    <message>
        <source>This vault has no participants yet. What would you like to do first?</source>
        <translation>Esta bóveda aún no tiene participantes. ¿Qué desea hacer primero?</translation>
    </message>
    <message>
        <source>Import a list…</source>
        <translation>Importar una lista…</translation>
    </message>
    <message>
        <source>Bring in the people you already follow from a CSV or Excel file.</source>
        <translation>Traiga a las personas que ya sigue desde un archivo CSV o Excel.</translation>
    </message>
    <message>
        <source>Add a participant…</source>
        <translation>Agregar un participante…</translation>
    </message>
    <message>
        <source>Register one person by hand.</source>
        <translation>Registre a una persona a mano.</translation>
    </message>
    <message>
        <source>Open the demo</source>
        <translation>Abrir la demostración</translation>
    </message>
    <message>
        <source>A separate window with fictitious participants to try everything safely.</source>
        <translation>Una ventana aparte con participantes ficticios para probarlo todo sin riesgo.</translation>
    </message>
</context>
<context>
    <name>FollowUpNote</name>
    <message>
        <source>Remove this filter</source>
        <translation>Quitar este filtro</translation>
    </message>
    <message>
        <source>Showing only: {what}</source>
        <translation>Mostrando solo: {what}</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Help — DMI Desktop</source>
        <translation>Ayuda — DMI Desktop</translation>
    </message>
    <message>
        <source>&lt;b&gt;DMI Desktop {version}&lt;/b&gt;&lt;br&gt;Case management for Drug Market Intervention programmes. Data stays encrypted on this computer; the vault locks itself when left idle.</source>
        <translation>&lt;b&gt;DMI Desktop {version}&lt;/b&gt;&lt;br&gt;Gestión de casos para programas de Intervención en Mercados de Drogas (DMI). Los datos quedan cifrados en este computador; la bóveda se bloquea sola cuando queda inactiva.</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Comando</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Atajo</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>Every change is recorded in the tamper-evident audit log; select a row to read it all.</source>
        <translation>Cada cambio queda en el registro de auditoría a prueba de alteraciones; seleccione una fila para leerla completa.</translation>
    </message>
</context>
<context>
    <name>HistoryTableModel</name>
    <message>
        <source>removed</source>
        <translation>eliminada</translation>
    </message>
    <message>
        <source>new photo</source>
        <translation>nueva foto</translation>
    </message>
    <message>
        <source>batch of {n} files</source>
        <translation>lote de {n} fichas</translation>
    </message>
    <message>
        <source>from {file}</source>
        <translation>desde {file}</translation>
    </message>
    <message>
        <source>(details erased)</source>
        <translation>(detalle borrado)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario/a</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Cambios</translation>
    </message>
</context>
<context>
    <name>HomeArea</name>
    <message>
        <source>Home</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>The demo could not be started.</source>
        <translation>No se pudo abrir la demostración.</translation>
    </message>
    <message>
        <source>&amp;Refresh home page</source>
        <translation>&amp;Actualizar inicio</translation>
    </message>
    <message>
        <source>Read the home page's counts again</source>
        <translation>Volver a leer los totales del inicio</translation>
    </message>
    <message>
        <source>Open the &amp;demo in a new window</source>
        <translation>Abrir la &amp;demostración en otra ventana</translation>
    </message>
    <message>
        <source>Try DMI Desktop on fictitious participants, in a separate window</source>
        <translation>Probar DMI Desktop con participantes ficticios, en una ventana aparte</translation>
    </message>
</context>
<context>
    <name>HomePanels</name>
    <message>
        <source>Participants by status</source>
        <translation>Participantes por estado</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>Estado: {status}</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Seguimiento</translation>
    </message>
    <message>
        <source>check-ins overdue (in monitoring, no check-in for more than {days} days)</source>
        <translation>controles atrasados (en seguimiento, sin control hace más de {days} días)</translation>
    </message>
    <message>
        <source>referrals with no first appointment after {days} days</source>
        <translation>derivaciones sin primera atención después de {days} días</translation>
    </message>
    <message>
        <source>files changed in the last {days} days</source>
        <translation>fichas con cambios en los últimos {days} días</translation>
    </message>
    <message>
        <source>Banked cases</source>
        <translation>Casos en reserva</translation>
    </message>
    <message>
        <source>banked cases expiring in the next {days} days</source>
        <translation>casos en reserva que vencen en los próximos {days} días</translation>
    </message>
    <message>
        <source>reading the banked cases ({n} to go)…</source>
        <translation>leyendo los casos en reserva (faltan {n})…</translation>
    </message>
    <message>
        <source>first on {date}</source>
        <translation>el primero vence el {date}</translation>
    </message>
</context>
<context>
    <name>HomeWidget</name>
    <message>
        <source>Reading the vault…</source>
        <translation>Leyendo la bóveda…</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Nothing to show.</source>
        <translation>Nada que mostrar.</translation>
    </message>
</context>
<context>
    <name>IdentityForm</name>
    <message>
        <source>* required</source>
        <translation>* obligatorio</translation>
    </message>
    <message>
        <source>e.g. Colón Oriente</source>
        <translation>p. ej. Colón Oriente</translation>
    </message>
    <message>
        <source>e.g. 12.345.678-5</source>
        <translation>p. ej. 12.345.678-5</translation>
    </message>
    <message>
        <source>e.g. +56 9 1234 5678</source>
        <translation>p. ej. +56 9 1234 5678</translation>
    </message>
    <message>
        <source>Minor: {age} years old</source>
        <translation>Menor de edad: {age} años</translation>
    </message>
</context>
<context>
    <name>ImportRowsModel</name>
    <message>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Sin cambios</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Línea</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import participants</source>
        <translation>Importar participantes</translation>
    </message>
    <message>
        <source>1 participant imported</source>
        <translation>1 participante importado</translation>
    </message>
    <message>
        <source>{created} participants imported</source>
        <translation>{created} participantes importados</translation>
    </message>
    <message>
        <source>{imported}, 1 updated</source>
        <translation>{imported}, 1 actualizado</translation>
    </message>
    <message>
        <source>{imported}, {updated} updated</source>
        <translation>{imported}, {updated} actualizados</translation>
    </message>
    <message>
        <source>{imported}, {unchanged} unchanged</source>
        <translation>{imported}, {unchanged} sin cambios</translation>
    </message>
    <message>
        <source>{imported}; 1 row with problems was skipped.</source>
        <translation>{imported}; se omitió 1 fila con problemas.</translation>
    </message>
    <message>
        <source>{imported}; {skipped} rows with problems were skipped.</source>
        <translation>{imported}; se omitieron {skipped} filas con problemas.</translation>
    </message>
    <message>
        <source>Your role is read-only: you cannot import participants.</source>
        <translation>Su rol solo permite consultar: no puede importar participantes.</translation>
    </message>
</context>
<context>
    <name>InfluentialsTab</name>
    <message>
        <source>Add influential…</source>
        <translation>Agregar influyente…</translation>
    </message>
    <message>
        <source>No influentials yet: add the family members or mentors to visit before the call-in.</source>
        <translation>Aún no hay influyentes: agregue a los familiares o referentes que se visitarán antes de la citación.</translation>
    </message>
    <message>
        <source>e.g. mother, partner, coach</source>
        <translation>p. ej. madre, pareja, entrenador</translation>
    </message>
    <message>
        <source>Influential</source>
        <translation>Influyente</translation>
    </message>
    <message>
        <source>New influential</source>
        <translation>Nuevo influyente</translation>
    </message>
</context>
<context>
    <name>InvitationDialog</name>
    <message>
        <source>Invitation of {name}</source>
        <translation>Invitación de {name}</translation>
    </message>
    <message>
        <source>Invitation</source>
        <translation>Invitación</translation>
    </message>
    <message>
        <source>Delivered by</source>
        <translation>Entregada por</translation>
    </message>
    <message>
        <source>Delivered on</source>
        <translation>Fecha de entrega</translation>
    </message>
    <message>
        <source>Issuing or delivering the letter again clears the “re-issue” mark.</source>
        <translation>Emitir o entregar la carta de nuevo quita la marca «reemitir».</translation>
    </message>
</context>
<context>
    <name>InvitePanel</name>
    <message>
        <source>Invite</source>
        <translation>Invitar</translation>
    </message>
    <message>
        <source>Search participants by name, alias or RUT…</source>
        <translation>Buscar participantes por nombre, alias o RUT…</translation>
    </message>
    <message>
        <source>With their influentials</source>
        <translation>Con sus influyentes</translation>
    </message>
    <message>
        <source>Also invite their influentials (family, mentors)</source>
        <translation>Invitar también a sus influyentes (familia, referentes)</translation>
    </message>
    <message>
        <source>Invite selected</source>
        <translation>Invitar seleccionados</translation>
    </message>
    <message>
        <source>Invite contact</source>
        <translation>Invitar contacto</translation>
    </message>
    <message>
        <source>A {kind} takes files that are: {states}.</source>
        <translation>Esta reunión ({kind}) admite fichas en estado: {states}.</translation>
    </message>
</context>
<context>
    <name>InviteeTableModel</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Asistencia</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <source>File status</source>
        <translation>Estado del caso</translation>
    </message>
    <message>
        <source>Invitation</source>
        <translation>Invitación</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entrega</translation>
    </message>
    <message>
        <source>To decide</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>The meeting was moved after this letter was issued: issue it again.</source>
        <translation>La reunión se movió después de emitir esta carta: emítala de nuevo.</translation>
    </message>
    <message>
        <source> — re-issue</source>
        <translation> — reemitir</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pendiente</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Sin registrar</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Femenino</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Masculino</translation>
    </message>
    <message>
        <source>Other / unspecified</source>
        <translation>Otro / no especificado</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Eligible (case banked)</source>
        <translation>Elegible (caso en reserva)</translation>
    </message>
    <message>
        <source>Not eligible (prosecuted)</source>
        <translation>No elegible (se persigue)</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Descartado</translation>
    </message>
    <message>
        <source>Employment</source>
        <translation>Empleo</translation>
    </message>
    <message>
        <source>Psychological support</source>
        <translation>Apoyo psicológico</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>Educación</translation>
    </message>
    <message>
        <source>Addiction treatment</source>
        <translation>Tratamiento de adicciones</translation>
    </message>
    <message>
        <source>Other (say which in Notes)</source>
        <translation>Otro (indique cuál en Notas)</translation>
    </message>
    <message>
        <source>In person at the office</source>
        <translation>Presencial en oficina</translation>
    </message>
    <message>
        <source>Home visit</source>
        <translation>Visita domiciliaria</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>Llamada telefónica</translation>
    </message>
    <message>
        <source>Video call</source>
        <translation>Videollamada</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Agendada</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activa</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminada</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Rechazada</translation>
    </message>
    <message>
        <source>Created the file</source>
        <translation>Creó la ficha</translation>
    </message>
    <message>
        <source>Imported the file</source>
        <translation>Importó la ficha</translation>
    </message>
    <message>
        <source>Edited identity data</source>
        <translation>Editó datos de identidad</translation>
    </message>
    <message>
        <source>Changed the status</source>
        <translation>Cambió el estado</translation>
    </message>
    <message>
        <source>Changed the photo</source>
        <translation>Cambió la foto</translation>
    </message>
    <message>
        <source>Imported from a file</source>
        <translation>Importó desde un archivo</translation>
    </message>
    <message>
        <source>Created as demo data</source>
        <translation>Creó como datos de demostración</translation>
    </message>
    <message>
        <source>Added {kind}</source>
        <translation>Agregó {kind}</translation>
    </message>
    <message>
        <source>Edited {kind}</source>
        <translation>Editó {kind}</translation>
    </message>
    <message>
        <source>Removed {kind}</source>
        <translation>Eliminó {kind}</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Welcome to DMI Desktop</source>
        <translation>Le damos la bienvenida a DMI Desktop</translation>
    </message>
    <message>
        <source>This assistant prepares the encrypted vault where the programme's data is kept.</source>
        <translation>Este asistente prepara la bóveda cifrada donde se guardan los datos del programa.</translation>
    </message>
    <message>
        <source>Choose the language of the application. You can change it later in Settings.</source>
        <translation>Elija el idioma de la aplicación. Puede cambiarlo después en Configuración.</translation>
    </message>
</context>
<context>
    <name>LockController</name>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>Quit DMI Desktop? Changes not yet saved in open forms will be lost.</source>
        <translation>¿Salir de DMI Desktop? Se perderán los cambios no guardados en los formularios abiertos.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>No work areas are installed.</source>
        <translation>No hay áreas de trabajo instaladas.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Cambios sin guardar</translation>
    </message>
    <message>
        <source>Some open forms have changes that were not saved. Quit and discard them?</source>
        <translation>Hay formularios abiertos con cambios sin guardar. ¿Salir y descartarlos?</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Match the columns</source>
        <translation>Asociar las columnas</translation>
    </message>
    <message>
        <source>Say which participant field each column of the file holds. Names are required.</source>
        <translation>Indique qué dato del participante contiene cada columna del archivo. Los nombres son obligatorios.</translation>
    </message>
    <message>
        <source>(do not import)</source>
        <translation>(no importar)</translation>
    </message>
    <message>
        <source>(no header)</source>
        <translation>(sin encabezado)</translation>
    </message>
    <message>
        <source>Two columns go to the same field: {field}.</source>
        <translation>Dos columnas van al mismo dato: {field}.</translation>
    </message>
    <message>
        <source>Choose the column for: {fields}.</source>
        <translation>Elija la columna para: {fields}.</translation>
    </message>
    <message>
        <source>The check digit column needs a RUT column too.</source>
        <translation>La columna del dígito verificador necesita también una columna de RUT.</translation>
    </message>
</context>
<context>
    <name>MeetingCommands</name>
    <message>
        <source>Moved to {start}.</source>
        <translation>Movida a {start}.</translation>
    </message>
    <message>
        <source>{n} letters already issued are marked to be issued again.</source>
        <translation>{n} cartas ya emitidas quedan marcadas para reemitir.</translation>
    </message>
    <message>
        <source>Cancel meeting</source>
        <translation>Cancelar reunión</translation>
    </message>
    <message>
        <source>Cancel “{title}”? Nobody is notified by the app: tell the invitees yourself. Why is it cancelled?</source>
        <translation>¿Cancelar «{title}»? La aplicación no avisa a nadie: informe usted a los invitados. ¿Por qué se cancela?</translation>
    </message>
    <message>
        <source>Postpone meeting</source>
        <translation>Postergar reunión</translation>
    </message>
    <message>
        <source>Postpone “{title}”? Reschedule it later. Why is it postponed?</source>
        <translation>¿Postergar «{title}»? Reprográmela después. ¿Por qué se posterga?</translation>
    </message>
    <message>
        <source>Postpone</source>
        <translation>Postergar</translation>
    </message>
    <message>
        <source>The meeting is now “{status}”.</source>
        <translation>La reunión quedó «{status}».</translation>
    </message>
    <message>
        <source>{name}: invitation “{status}”.</source>
        <translation>{name}: invitación «{status}».</translation>
    </message>
    <message>
        <source>Export to calendar</source>
        <translation>Exportar al calendario</translation>
    </message>
    <message>
        <source>iCalendar (*.ics)</source>
        <translation>iCalendar (*.ics)</translation>
    </message>
    <message>
        <source>There are no meetings from {first} to {last}.</source>
        <translation>No hay reuniones entre el {first} y el {last}.</translation>
    </message>
    <message>
        <source>Attendance sheet</source>
        <translation>Registro de asistencia</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved {name}.</source>
        <translation>Se guardó {name}.</translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <source>Reschedule meeting</source>
        <translation>Reprogramar reunión</translation>
    </message>
    <message>
        <source>New meeting</source>
        <translation>Nueva reunión</translation>
    </message>
    <message>
        <source>e.g. Call-in Colón Oriente</source>
        <translation>p. ej. Reunión de notificación Colón Oriente</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>(no venue yet)</source>
        <translation>(sin lugar aún)</translation>
    </message>
    <message>
        <source> (capacity {n})</source>
        <translation> (capacidad {n})</translation>
    </message>
    <message>
        <source>Kind *</source>
        <translation>Tipo *</translation>
    </message>
    <message>
        <source>Title *</source>
        <translation>Título *</translation>
    </message>
    <message>
        <source>Date *</source>
        <translation>Fecha *</translation>
    </message>
    <message>
        <source>Time *</source>
        <translation>Hora *</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Programa</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Reschedule</source>
        <translation>Reprogramar</translation>
    </message>
</context>
<context>
    <name>MeetingPage</name>
    <message>
        <source>Reschedule…</source>
        <translation>Reprogramar…</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <source>Mark held</source>
        <translation>Marcar realizada</translation>
    </message>
    <message>
        <source>Postpone…</source>
        <translation>Postergar…</translation>
    </message>
    <message>
        <source>Cancel meeting…</source>
        <translation>Cancelar reunión…</translation>
    </message>
    <message>
        <source>Export .ics…</source>
        <translation>Exportar .ics…</translation>
    </message>
    <message>
        <source>Attendance sheet (PDF)…</source>
        <translation>Registro de asistencia (PDF)…</translation>
    </message>
    <message>
        <source>Keys: A attended · N no-show · E excused · C in custody (the next row follows) · Enter: invitation status</source>
        <translation>Teclas: A asistió · N no asistió · E excusado · C privado de libertad (pasa a la fila siguiente) · Enter: estado de la invitación</translation>
    </message>
    <message>
        <source>no venue</source>
        <translation>sin lugar</translation>
    </message>
    <message>
        <source>{kind} · {when} · {venue} · status: {status} · {ref}</source>
        <translation>{kind} · {when} · {venue} · estado: {status} · {ref}</translation>
    </message>
    <message>
        <source>Invited {n}</source>
        <translation>Invitados {n}</translation>
    </message>
    <message>
        <source>attended {n}</source>
        <translation>asistieron {n}</translation>
    </message>
    <message>
        <source>no-show {n}</source>
        <translation>no asistieron {n}</translation>
    </message>
    <message>
        <source>excused {n}</source>
        <translation>excusados {n}</translation>
    </message>
    <message>
        <source>in custody {n}</source>
        <translation>privados de libertad {n}</translation>
    </message>
    <message>
        <source>pending {n}</source>
        <translation>pendientes {n}</translation>
    </message>
    <message>
        <source>letters to re-issue {n}</source>
        <translation>cartas por reemitir {n}</translation>
    </message>
    <message>
        <source>Attendance is recorded for participants only ({name}).</source>
        <translation>La asistencia se registra solo para participantes ({name}).</translation>
    </message>
    <message>
        <source>Invited: {n}.</source>
        <translation>Invitados: {n}.</translation>
    </message>
    <message>
        <source>Already invited: {names}.</source>
        <translation>Ya estaban invitados: {names}.</translation>
    </message>
    <message>
        <source>Summoned: {moves}.</source>
        <translation>Citados: {moves}.</translation>
    </message>
</context>
<context>
    <name>MeetingPanels</name>
    <message>
        <source>{when} — {title} ({ref})</source>
        <translation>{when} — {title} ({ref})</translation>
    </message>
    <message>
        <source>no venue yet</source>
        <translation>sin lugar aún</translation>
    </message>
    <message>
        <source>letters to issue: {n}</source>
        <translation>cartas por emitir: {n}</translation>
    </message>
    <message>
        <source>confirmations missing: {n}</source>
        <translation>confirmaciones pendientes: {n}</translation>
    </message>
    <message>
        <source>invitees of {ref}</source>
        <translation>invitados de {ref}</translation>
    </message>
    <message>
        <source>Next call-ins (invitees)</source>
        <translation>Próximas reuniones de notificación (invitados)</translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation>Inasistencias</translation>
    </message>
    <message>
        <source>no-shows awaiting a decision on the banked case</source>
        <translation>inasistencias a la espera de decidir sobre el caso en reserva</translation>
    </message>
</context>
<context>
    <name>MeetingSummaryDialog</name>
    <message>
        <source>Meeting {ref}</source>
        <translation>Reunión {ref}</translation>
    </message>
    <message>
        <source>no venue yet</source>
        <translation>sin lugar aún</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <source>Invitation</source>
        <translation>Invitación</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Asistencia</translation>
    </message>
    <message>
        <source>File status</source>
        <translation>Estado del caso</translation>
    </message>
    <message>
        <source> (re-issue)</source>
        <translation> (reemitir)</translation>
    </message>
    <message>
        <source>{invited} invited · {pending} without attendance recorded · {reissue} letters to re-issue</source>
        <translation>{invited} invitados · {pending} sin asistencia registrada · {reissue} cartas por reemitir</translation>
    </message>
</context>
<context>
    <name>MeetingsArea</name>
    <message>
        <source>Meetings</source>
        <translation>Reuniones</translation>
    </message>
    <message>
        <source>&amp;New meeting…</source>
        <translation>&amp;Nueva reunión…</translation>
    </message>
    <message>
        <source>Schedule a meeting (Ctrl+N in the meetings area)</source>
        <translation>Programar una reunión (Ctrl+N en Reuniones)</translation>
    </message>
    <message>
        <source>&amp;Venues…</source>
        <translation>&amp;Lugares…</translation>
    </message>
    <message>
        <source>Places where meetings are held</source>
        <translation>Lugares donde se realizan las reuniones</translation>
    </message>
    <message>
        <source>Partner &amp;contacts…</source>
        <translation>&amp;Contactos de instituciones…</translation>
    </message>
    <message>
        <source>People at Carabineros, PDI, Fiscalía and the other partners</source>
        <translation>Personas de Carabineros, PDI, Fiscalía y las demás instituciones</translation>
    </message>
    <message>
        <source>&amp;Export meetings to calendar (.ics)…</source>
        <translation>&amp;Exportar reuniones al calendario (.ics)…</translation>
    </message>
    <message>
        <source>Save the meetings of a date range for partners' calendars</source>
        <translation>Guardar las reuniones de un período para los calendarios de las instituciones</translation>
    </message>
</context>
<context>
    <name>MeetingsWidget</name>
    <message>
        <source>+{count} more</source>
        <translation>+{count} más</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Previous (Page Up)</source>
        <translation>Anterior (Re Pág)</translation>
    </message>
    <message>
        <source>Next (Page Down)</source>
        <translation>Siguiente (Av Pág)</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mes</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Semana</translation>
    </message>
    <message>
        <source>New meeting…</source>
        <translation>Nueva reunión…</translation>
    </message>
    <message>
        <source>New meeting (Ctrl+N)</source>
        <translation>Nueva reunión (Ctrl+N)</translation>
    </message>
    <message>
        <source>Venues…</source>
        <translation>Lugares…</translation>
    </message>
    <message>
        <source>Contacts…</source>
        <translation>Contactos…</translation>
    </message>
    <message>
        <source>Export .ics…</source>
        <translation>Exportar .ics…</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Reunión</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <source>Invited</source>
        <translation>Invitados</translation>
    </message>
    <message>
        <source>Next 30 days</source>
        <translation>Próximos 30 días</translation>
    </message>
    <message>
        <source>Week of {first} to {last}</source>
        <translation>Semana del {first} al {last}</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Participants</source>
        <translation>&amp;Participantes</translation>
    </message>
    <message>
        <source>&amp;Meetings</source>
        <translation>&amp;Reuniones</translation>
    </message>
    <message>
        <source>&amp;Vault</source>
        <translation>&amp;Bóveda</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Barra principal</translation>
    </message>
</context>
<context>
    <name>NewParticipantDialog</name>
    <message>
        <source>New participant</source>
        <translation>Nuevo participante</translation>
    </message>
    <message>
        <source>The file starts in the status “identified”. Fields marked * are required.</source>
        <translation>La ficha comienza en el estado «identificado». Los campos marcados con * son obligatorios.</translation>
    </message>
    <message>
        <source>Open case {case_no}</source>
        <translation>Abrir caso {case_no}</translation>
    </message>
    <message>
        <source>The new participant</source>
        <translation>El nuevo participante</translation>
    </message>
</context>
<context>
    <name>NotesTab</name>
    <message>
        <source>New note…</source>
        <translation>Nueva nota…</translation>
    </message>
    <message>
        <source>No notes yet.</source>
        <translation>Aún no hay notas.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>New note</source>
        <translation>Nueva nota</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <source>Notice</source>
        <translation>Aviso</translation>
    </message>
</context>
<context>
    <name>OpenChoiceEdit</name>
    <message>
        <source>Say which</source>
        <translation>Indique cuál</translation>
    </message>
</context>
<context>
    <name>OrganisationDialog</name>
    <message>
        <source>Organisation and letterhead</source>
        <translation>Organización y membrete</translation>
    </message>
</context>
<context>
    <name>OrganisationForm</name>
    <message>
        <source>&amp;Organisation:</source>
        <translation>&amp;Organización:</translation>
    </message>
    <message>
        <source>&amp;Programme:</source>
        <translation>&amp;Programa:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Dirección:</translation>
    </message>
    <message>
        <source>Logo:</source>
        <translation>Logo:</translation>
    </message>
    <message>
        <source>e.g. Municipality of Las Condes</source>
        <translation>p. ej. Municipalidad de Las Condes</translation>
    </message>
    <message>
        <source>Street, number, commune (printed on letters)</source>
        <translation>Calle, número, comuna (se imprime en las cartas)</translation>
    </message>
    <message>
        <source>Choose &amp;logo…</source>
        <translation>Elegir &amp;logo…</translation>
    </message>
    <message>
        <source>Remo&amp;ve logo</source>
        <translation>&amp;Quitar logo</translation>
    </message>
    <message>
        <source>A PNG or JPEG image of at most 1 MB</source>
        <translation>Una imagen PNG o JPEG de 1 MB como máximo</translation>
    </message>
    <message>
        <source>Choose logo</source>
        <translation>Elegir logo</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>The file could not be read.</source>
        <translation>No se pudo leer el archivo.</translation>
    </message>
    <message>
        <source>The image could not be opened.</source>
        <translation>No se pudo abrir la imagen.</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>Sin logo</translation>
    </message>
</context>
<context>
    <name>OrganisationPage</name>
    <message>
        <source>Organisation and letterhead</source>
        <translation>Organización y membrete</translation>
    </message>
    <message>
        <source>These details head the letters and sheets you print. You can change them later.</source>
        <translation>Estos datos encabezan las cartas y hojas que imprima. Puede cambiarlos después.</translation>
    </message>
    <message>
        <source>To continue, type the organisation's name.</source>
        <translation>Para continuar, escriba el nombre de la organización.</translation>
    </message>
</context>
<context>
    <name>ParticipantFileWindow</name>
    <message>
        <source>Save the participant file</source>
        <translation>Guardar la ficha del participante</translation>
    </message>
    <message>
        <source>Print the participant file</source>
        <translation>Imprimir la ficha del participante</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Print file…</source>
        <translation>Imprimir ficha…</translation>
    </message>
    <message>
        <source>Preview and print this file as a PDF (Ctrl+P)</source>
        <translation>Vista previa e impresión de esta ficha como PDF (Ctrl+P)</translation>
    </message>
    <message>
        <source>Read only: your role can consult files but not change them.</source>
        <translation>Solo lectura: su rol permite consultar las fichas, no modificarlas.</translation>
    </message>
    <message>
        <source>Loading the file…</source>
        <translation>Cargando la ficha…</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>Identidad</translation>
    </message>
    <message>
        <source>Eligibility review</source>
        <translation>Revisión de elegibilidad</translation>
    </message>
    <message>
        <source>Banked case</source>
        <translation>Caso en reserva</translation>
    </message>
    <message>
        <source>Influentials</source>
        <translation>Influyentes</translation>
    </message>
    <message>
        <source>Services / referrals</source>
        <translation>Servicios / derivaciones</translation>
    </message>
    <message>
        <source>Check-ins</source>
        <translation>Controles</translation>
    </message>
    <message>
        <source>Violations</source>
        <translation>Incumplimientos</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>{name} — case {case_no}</source>
        <translation>{name} — caso {case_no}</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Cambios sin guardar</translation>
    </message>
    <message>
        <source>This file</source>
        <translation>Esta ficha</translation>
    </message>
</context>
<context>
    <name>ParticipantListMenus</name>
    <message>
        <source>&amp;Open file</source>
        <translation>&amp;Abrir ficha</translation>
    </message>
    <message>
        <source>Change &amp;status…</source>
        <translation>Cambiar e&amp;stado…</translation>
    </message>
    <message>
        <source>Copy &amp;case number</source>
        <translation>Copiar N° de &amp;caso</translation>
    </message>
    <message>
        <source>Copy &amp;RUT</source>
        <translation>Copiar &amp;RUT</translation>
    </message>
    <message>
        <source>Move “{column}” left</source>
        <translation>Mover «{column}» a la izquierda</translation>
    </message>
    <message>
        <source>Move “{column}” right</source>
        <translation>Mover «{column}» a la derecha</translation>
    </message>
    <message>
        <source>Reset columns</source>
        <translation>Restablecer columnas</translation>
    </message>
</context>
<context>
    <name>ParticipantTableModel</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
</context>
<context>
    <name>ParticipantsArea</name>
    <message>
        <source>Participants</source>
        <translation>Participantes</translation>
    </message>
    <message>
        <source>&amp;New participant…</source>
        <translation>&amp;Nuevo participante…</translation>
    </message>
    <message>
        <source>Register a new participant</source>
        <translation>Registrar un nuevo participante</translation>
    </message>
    <message>
        <source>&amp;Search participants</source>
        <translation>&amp;Buscar participantes</translation>
    </message>
    <message>
        <source>Search by name, alias or RUT</source>
        <translation>Buscar por nombre, alias o RUT</translation>
    </message>
    <message>
        <source>&amp;Open file</source>
        <translation>&amp;Abrir ficha</translation>
    </message>
    <message>
        <source>Open the selected participant's file (Enter)</source>
        <translation>Abrir la ficha del participante seleccionado (Intro)</translation>
    </message>
    <message>
        <source>&amp;Import participants…</source>
        <translation>&amp;Importar participantes…</translation>
    </message>
    <message>
        <source>Import participants from a CSV or Excel file</source>
        <translation>Importar participantes desde un archivo CSV o Excel</translation>
    </message>
    <message>
        <source>&amp;Export list…</source>
        <translation>&amp;Exportar listado…</translation>
    </message>
    <message>
        <source>Export the participants shown (with the current filters)</source>
        <translation>Exportar los participantes que se muestran (con los filtros actuales)</translation>
    </message>
    <message>
        <source>&amp;Print list…</source>
        <translation>&amp;Imprimir lista…</translation>
    </message>
    <message>
        <source>Preview and print the participants shown (with the current filters) as a PDF</source>
        <translation>Vista previa e impresión de los participantes mostrados (con los filtros actuales) como PDF</translation>
    </message>
</context>
<context>
    <name>ParticipantsWidget</name>
    <message>
        <source>Filtered: {what}</source>
        <translation>Filtrado: {what}</translation>
    </message>
    <message>
        <source>View “{name}”</source>
        <translation>Vista «{name}»</translation>
    </message>
    <message>
        <source>Search by name, alias or RUT…</source>
        <translation>Buscar por nombre, alias o RUT…</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Todos los estados</translation>
    </message>
    <message>
        <source>All sectors</source>
        <translation>Todos los sectores</translation>
    </message>
    <message>
        <source>more than {count} results</source>
        <translation>más de {count} resultados</translation>
    </message>
    <message>
        <source>1 participant</source>
        <translation>1 participante</translation>
    </message>
    <message>
        <source>{count} participants</source>
        <translation>{count} participantes</translation>
    </message>
    <message>
        <source>Case {case_no} was created, but the current filters hide it from the list.</source>
        <translation>Se creó el caso {case_no}, pero los filtros actuales lo ocultan de la lista.</translation>
    </message>
</context>
<context>
    <name>PassphraseEdit</name>
    <message>
        <source>Hide passphrase</source>
        <translation>Ocultar frase de acceso</translation>
    </message>
    <message>
        <source>Show passphrase</source>
        <translation>Mostrar frase de acceso</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>1 page</source>
        <translation>1 página</translation>
    </message>
    <message>
        <source>{count} pages</source>
        <translation>{count} páginas</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>Guardar PDF…</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>No se pudo iniciar la impresora.</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>Guardar PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documentos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved to {file}</source>
        <translation>Guardado en {file}</translation>
    </message>
</context>
<context>
    <name>PhotoBox</name>
    <message>
        <source>Load photo…</source>
        <translation>Cargar foto…</translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation>Quitar foto</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>Sin foto</translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation>Elegir una foto</translation>
    </message>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.webp)</source>
        <translation>Imágenes (*.jpg *.jpeg *.png *.bmp *.webp)</translation>
    </message>
    <message>
        <source>The file could not be read.</source>
        <translation>No se pudo leer el archivo.</translation>
    </message>
    <message>
        <source>The file is too large for a photo (at most {limit} MB).</source>
        <translation>El archivo es demasiado grande para una foto (máximo {limit} MB).</translation>
    </message>
    <message>
        <source>The file is not an image this program can read.</source>
        <translation>El archivo no es una imagen que este programa pueda leer.</translation>
    </message>
    <message>
        <source>Remove this participant's photo? It cannot be recovered afterwards.</source>
        <translation>¿Quitar la foto de este participante? Después no se puede recuperar.</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Check and import</source>
        <translation>Revisar e importar</translation>
    </message>
    <message>
        <source>Nothing has been imported yet. Check the rows and the problems found.</source>
        <translation>Todavía no se ha importado nada. Revise las filas y los problemas encontrados.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Reading and checking every row…</source>
        <translation>Leyendo y revisando cada fila…</translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation>Revisando el archivo…</translation>
    </message>
    <message>
        <source>{total} rows read: {new} new, {update} to update, {unchanged} unchanged, {bad} with problems.</source>
        <translation>Filas leídas: {total}. Nuevas: {new}. Por actualizar: {update}. Sin cambios: {unchanged}. Con problemas: {bad}.</translation>
    </message>
    <message>
        <source>Problems found ({count}). Fix them in the file and start again, or skip those rows.</source>
        <translation>Problemas encontrados ({count}). Corríjalos en el archivo y vuelva a empezar, u omita esas filas.</translation>
    </message>
    <message>
        <source>The first {shown} are listed.</source>
        <translation>Se muestran los primeros {shown}.</translation>
    </message>
    <message>
        <source>Skip the rows with problems ({bad}) and import the others ({valid})</source>
        <translation>Omitir las filas con problemas ({bad}) e importar las demás ({valid})</translation>
    </message>
    <message>
        <source>Importing participants…</source>
        <translation>Importando participantes…</translation>
    </message>
</context>
<context>
    <name>PrintPurposeDialog</name>
    <message>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
    <message>
        <source>You are about to print {what}. Printed personal data leaves the encrypted vault: say why it is needed. The purpose is recorded in the audit log with your name.</source>
        <translation>Va a imprimir {what}. Los datos personales impresos salen de la bóveda cifrada: indique para qué se necesitan. El propósito queda en el registro de auditoría con su nombre.</translation>
    </message>
    <message>
        <source>e.g. case review with the prosecutor's office</source>
        <translation>p. ej., revisión del caso con la Fiscalía</translation>
    </message>
    <message>
        <source>Letter (Carta)</source>
        <translation>Carta</translation>
    </message>
    <message>
        <source>Oficio</source>
        <translation>Oficio</translation>
    </message>
    <message>
        <source>Purpose:</source>
        <translation>Propósito:</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>Papel:</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>Vista previa…</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>this participant's file</source>
        <translation>la ficha de este participante</translation>
    </message>
    <message>
        <source>Participant file {case_no}</source>
        <translation>Ficha de participante {case_no}</translation>
    </message>
    <message>
        <source>Preparing the file for printing…</source>
        <translation>Preparando la ficha para imprimir…</translation>
    </message>
    <message>
        <source>the participants list as filtered</source>
        <translation>el listado de participantes con los filtros actuales</translation>
    </message>
    <message>
        <source>Participants list</source>
        <translation>Listado de participantes</translation>
    </message>
    <message>
        <source>Preparing the list for printing…</source>
        <translation>Preparando el listado para imprimir…</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Buscar en:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>&amp;Tipo de archivo:</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>&amp;Nombre de archivo:</translation>
    </message>
    <message>
        <source>All Files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Show &amp;hidden files</source>
        <translation>Mostrar archivos &amp;ocultos</translation>
    </message>
    <message>
        <source>Go to the parent directory</source>
        <translation>Ir a la carpeta superior</translation>
    </message>
    <message>
        <source>Parent Directory</source>
        <translation>Carpeta superior</translation>
    </message>
    <message>
        <source>Change to list view mode</source>
        <translation>Cambiar a vista de lista</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>Cambiar &amp;nombre</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Eliminar</translation>
    </message>
    <message>
        <source>%1 already exists.
Do you want to replace it?</source>
        <translation>El archivo %1 ya existe.
¿Desea reemplazarlo?</translation>
    </message>
    <message>
        <source>%1
File not found.
Please verify the correct file name was given.</source>
        <translation>%1
Archivo no encontrado.
Verifique que el nombre del archivo sea correcto.</translation>
    </message>
</context>
<context>
    <name>RangeDialog</name>
    <message>
        <source>Export meetings to calendar</source>
        <translation>Exportar reuniones al calendario</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Reason (required)</source>
        <translation>Motivo (obligatorio)</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>DD-MM-YYYY, DD-MM-YYYY…</source>
        <translation>DD-MM-AAAA, DD-MM-AAAA…</translation>
    </message>
</context>
<context>
    <name>RecordListTab</name>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>View…</source>
        <translation>Ver…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Agregar…</translation>
    </message>
    <message>
        <source>Nothing recorded yet.</source>
        <translation>Aún no hay registros.</translation>
    </message>
    <message>
        <source>Remove the selected record? The removal is recorded in the history.</source>
        <translation>¿Eliminar el registro seleccionado? La eliminación queda en el historial.</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <source>Suggested by the criteria</source>
        <translation>Sugerida por los criterios</translation>
    </message>
    <message>
        <source>Written on</source>
        <translation>Escrita el</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>New recovery key</source>
        <translation>Nueva clave de recuperación</translation>
    </message>
    <message>
        <source>This is the vault's new recovery key. It is shown only now: print it or copy it to paper and keep it locked away. The previous recovery key no longer opens the vault.</source>
        <translation>Esta es la nueva clave de recuperación de la bóveda. Solo se muestra ahora: imprímala o cópiela en papel y guárdela bajo llave. La clave de recuperación anterior ya no abre la bóveda.</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copiar</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organización</translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Guardar como PDF…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <source>I have saved the recovery key in a safe place</source>
        <translation>He guardado la clave de recuperación en un lugar seguro</translation>
    </message>
    <message>
        <source>Creating the vault</source>
        <translation>Creando la bóveda</translation>
    </message>
    <message>
        <source>Encrypting the new vault with your passphrase.</source>
        <translation>Cifrando la nueva bóveda con su frase de acceso.</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Clave de recuperación</translation>
    </message>
    <message>
        <source>The only way back into the vault if every passphrase is forgotten.</source>
        <translation>La única forma de volver a entrar a la bóveda si se olvidan todas las frases de acceso.</translation>
    </message>
    <message>
        <source>Creating the encrypted vault… Tuning the encryption to this computer takes a few seconds.</source>
        <translation>Creando la bóveda cifrada… Ajustar el cifrado a este computador toma unos segundos.</translation>
    </message>
    <message>
        <source>The vault is ready. Write down, print or save this key now and keep it away from the laptop: it is shown only once and opens the vault without a passphrase.</source>
        <translation>La bóveda está lista. Anote, imprima o guarde esta clave ahora y manténgala lejos del computador: se muestra una sola vez y abre la bóveda sin frase de acceso.</translation>
    </message>
    <message>
        <source>The vault could not be created: {reason}</source>
        <translation>No se pudo crear la bóveda: {reason}</translation>
    </message>
    <message>
        <source>Save recovery key</source>
        <translation>Guardar clave de recuperación</translation>
    </message>
    <message>
        <source>Saved to {path}. Keep the file away from this laptop.</source>
        <translation>Guardada en {path}. Mantenga el archivo lejos de este computador.</translation>
    </message>
    <message>
        <source>The PDF could not be saved: {reason}</source>
        <translation>No se pudo guardar el PDF: {reason}</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Enviada a la impresora.</translation>
    </message>
</context>
<context>
    <name>ReferralsTab</name>
    <message>
        <source>New referral…</source>
        <translation>Nueva derivación…</translation>
    </message>
    <message>
        <source>No referrals yet: record the services offered at or after the call-in.</source>
        <translation>Aún no hay derivaciones: registre los servicios ofrecidos en la reunión o después de ella.</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>Derivación</translation>
    </message>
    <message>
        <source>New referral</source>
        <translation>Nueva derivación</translation>
    </message>
</context>
<context>
    <name>RekeyReport</name>
    <message>
        <source>Vault re-encrypted</source>
        <translation>Bóveda cifrada de nuevo</translation>
    </message>
    <message>
        <source>Old backups</source>
        <translation>Respaldos antiguos</translation>
    </message>
    <message>
        <source>The vault is now encrypted under a new key. {count} backups in the vault's folder were made under the previous key and still open with the previous passphrases. Delete them?

Backups you saved elsewhere are not affected: delete them yourself if they must not open any more.</source>
        <translation>La bóveda ahora está cifrada con una llave nueva. {count} respaldos de la carpeta de la bóveda se hicieron con la llave anterior y aún se abren con las frases anteriores. ¿Eliminarlos?

Los respaldos que guardó en otros lugares no cambian: elimínelos usted si ya no deben abrirse.</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Eligibility review</source>
        <translation>Revisión de elegibilidad</translation>
    </message>
    <message>
        <source>New eligibility review</source>
        <translation>Nueva revisión de elegibilidad</translation>
    </message>
    <message>
        <source>Use suggestion</source>
        <translation>Usar sugerencia</translation>
    </message>
    <message>
        <source>Suggested by the criteria: &lt;b&gt;{decision}&lt;/b&gt;</source>
        <translation>Sugerida por los criterios: &lt;b&gt;{decision}&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>RowErrorsModel</name>
    <message>
        <source>Line</source>
        <translation>Línea</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Columna</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>A new language applies the next time DMI Desktop starts.</source>
        <translation>El nuevo idioma se aplica la próxima vez que inicie DMI Desktop.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>&amp;Lock after idle:</source>
        <translation>&amp;Bloquear tras inactividad:</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source>Follow-up (this vault, for every user)</source>
        <translation>Seguimiento (esta bóveda, para todos los usuarios)</translation>
    </message>
    <message>
        <source>Check-in &amp;overdue after:</source>
        <translation>Control &amp;atrasado después de:</translation>
    </message>
    <message>
        <source>&amp;Referral waiting after:</source>
        <translation>&amp;Derivación en espera después de:</translation>
    </message>
    <message>
        <source>Only coordinators change these intervals.</source>
        <translation>Solo los coordinadores cambian estos plazos.</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Configuración…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>Change &amp;passphrase…</source>
        <translation>Cambiar &amp;frase de acceso…</translation>
    </message>
    <message>
        <source>Manage &amp;users…</source>
        <translation>Administrar &amp;usuarios…</translation>
    </message>
    <message>
        <source>&amp;Organisation and letterhead…</source>
        <translation>&amp;Organización y membrete…</translation>
    </message>
    <message>
        <source>&amp;Back up…</source>
        <translation>&amp;Respaldar…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Bloquear</translation>
    </message>
    <message>
        <source>Hide everything and ask for the passphrase again</source>
        <translation>Oculta todo y vuelve a pedir la frase de acceso</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>Passphrase changed.</source>
        <translation>Frase de acceso cambiada.</translation>
    </message>
    <message>
        <source>Letterhead saved.</source>
        <translation>Membrete guardado.</translation>
    </message>
    <message>
        <source>Save backup</source>
        <translation>Guardar respaldo</translation>
    </message>
    <message>
        <source>DMI backups (*.dmibackup)</source>
        <translation>Respaldos DMI (*.dmibackup)</translation>
    </message>
    <message>
        <source>Writing the backup…</source>
        <translation>Escribiendo el respaldo…</translation>
    </message>
    <message>
        <source>Backup saved to {path}</source>
        <translation>Respaldo guardado en {path}</translation>
    </message>
    <message>
        <source>The demo vault is not available in this build.</source>
        <translation>La bóveda de demostración no está disponible en esta versión.</translation>
    </message>
    <message>
        <source>Preparing the demo vault with fictitious participants…</source>
        <translation>Preparando la bóveda de demostración con participantes ficticios…</translation>
    </message>
    <message>
        <source>This vault is already open in another DMI Desktop window. Switch to that window, or close it and press Retry.</source>
        <translation>Esta bóveda ya está abierta en otra ventana de DMI Desktop. Cambie a esa ventana, o ciérrela y presione Reintentar.</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
</context>
<context>
    <name>ShellStatusBar</name>
    <message>
        <source>Vault: {name}</source>
        <translation>Bóveda: {name}</translation>
    </message>
    <message>
        <source>User: {name}</source>
        <translation>Usuario: {name}</translation>
    </message>
    <message>
        <source>Role: {role}</source>
        <translation>Rol: {role}</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Bloqueada</translation>
    </message>
    <message>
        <source>Unlocked</source>
        <translation>Desbloqueada</translation>
    </message>
</context>
<context>
    <name>StatusChangeDialog</name>
    <message>
        <source>Change status</source>
        <translation>Cambiar estado</translation>
    </message>
    <message>
        <source>{name} is now “{status}”. The change and its reason are recorded in the history.</source>
        <translation>{name} está ahora «{status}». El cambio y su motivo quedan en el historial.</translation>
    </message>
    <message>
        <source>Choose the new status…</source>
        <translation>Elija el nuevo estado…</translation>
    </message>
    <message>
        <source>Only coordinators can move a file into or out of the banked case.</source>
        <translation>Solo coordinadores pueden mover una ficha hacia o desde el caso en reserva.</translation>
    </message>
    <message>
        <source>Why is the status changing? (required)</source>
        <translation>¿Por qué cambia el estado? (obligatorio)</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>Nuevo estado</translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation>Motivo *</translation>
    </message>
</context>
<context>
    <name>StrengthMeter</name>
    <message>
        <source>Strength: {label}</source>
        <translation>Seguridad: {label}</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock vault — DMI Desktop</source>
        <translation>Desbloquear bóveda — DMI Desktop</translation>
    </message>
    <message>
        <source>Locked — DMI Desktop</source>
        <translation>Bloqueada — DMI Desktop</translation>
    </message>
    <message>
        <source>The vault is locked</source>
        <translation>La bóveda está bloqueada</translation>
    </message>
    <message>
        <source>Unlock the vault</source>
        <translation>Desbloquear la bóveda</translation>
    </message>
    <message>
        <source>Your work is hidden and kept as it was. Type your passphrase to continue.</source>
        <translation>Su trabajo está oculto y se conserva tal como estaba. Escriba su frase de acceso para continuar.</translation>
    </message>
    <message>
        <source>Vault: {path}</source>
        <translation>Bóveda: {path}</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Usuario:</translation>
    </message>
    <message>
        <source>Your passphrase</source>
        <translation>Su frase de acceso</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Frase de acceso:</translation>
    </message>
    <message>
        <source>&amp;Recovery key:</source>
        <translation>Clave de &amp;recuperación:</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Desbloquear</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>Demo vault (fictitious data) — passphrase: {passphrase}</source>
        <translation>Bóveda de demostración (datos ficticios) — frase de acceso: {passphrase}</translation>
    </message>
    <message>
        <source>&amp;Fill in</source>
        <translation>&amp;Completar</translation>
    </message>
    <message>
        <source>Back to the passphrase</source>
        <translation>Volver a la frase de acceso</translation>
    </message>
    <message>
        <source>Forgot your passphrase? Use the recovery key</source>
        <translation>¿Olvidó su frase? Usar clave de recuperación</translation>
    </message>
    <message>
        <source>Type the recovery key.</source>
        <translation>Escriba la clave de recuperación.</translation>
    </message>
    <message>
        <source>Type your passphrase.</source>
        <translation>Escriba su frase de acceso.</translation>
    </message>
    <message>
        <source>Wrong recovery key.</source>
        <translation>Clave de recuperación incorrecta.</translation>
    </message>
    <message>
        <source>Wrong passphrase.</source>
        <translation>Frase de acceso incorrecta.</translation>
    </message>
</context>
<context>
    <name>Unsaved</name>
    <message>
        <source>Unsaved changes</source>
        <translation>Cambios sin guardar</translation>
    </message>
    <message>
        <source>{what} has changes that were not saved. Save them before closing?</source>
        <translation>{what} tiene cambios sin guardar. ¿Guardarlos antes de cerrar?</translation>
    </message>
</context>
<context>
    <name>UserPage</name>
    <message>
        <source>First user</source>
        <translation>Primer usuario</translation>
    </message>
    <message>
        <source>You will be the vault's coordinator and can add colleagues later.</source>
        <translation>Usted será coordinador/a de la bóveda y podrá agregar colegas después.</translation>
    </message>
    <message>
        <source>Choose a passphrase: several unusual words are easier to remember and harder to guess than a short password. Nobody can recover it for you; only the recovery key shown next can.</source>
        <translation>Elija una frase de acceso: varias palabras poco comunes son más fáciles de recordar y más difíciles de adivinar que una contraseña corta. Nadie puede recuperarla por usted; solo la clave de recuperación que verá a continuación.</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>Su &amp;nombre:</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Frase de acceso:</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Repetir:</translation>
    </message>
    <message>
        <source>e.g. Ana Rojas</source>
        <translation>p. ej. Ana Rojas</translation>
    </message>
    <message>
        <source>&amp;Create vault</source>
        <translation>&amp;Crear bóveda</translation>
    </message>
    <message>
        <source>Type your name.</source>
        <translation>Escriba su nombre.</translation>
    </message>
    <message>
        <source>To continue, choose a passphrase.</source>
        <translation>Para continuar, elija una frase de acceso.</translation>
    </message>
    <message>
        <source>This passphrase is too weak; make it longer to continue.</source>
        <translation>Esta frase de acceso es demasiado débil; alárguela para continuar.</translation>
    </message>
    <message>
        <source>To continue, type the passphrase again under Repeat.</source>
        <translation>Para continuar, escriba de nuevo la frase de acceso en Repetir.</translation>
    </message>
    <message>
        <source>The two passphrases do not match.</source>
        <translation>Las dos frases de acceso no coinciden.</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Users</source>
        <translation>Usuarios</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Agregar…</translation>
    </message>
    <message>
        <source>Set &amp;passphrase…</source>
        <translation>Definir &amp;frase de acceso…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Eliminar</translation>
    </message>
    <message>
        <source>New r&amp;ecovery key…</source>
        <translation>Nueva clave de r&amp;ecuperación…</translation>
    </message>
    <message>
        <source>{name} (you)</source>
        <translation>{name} (usted)</translation>
    </message>
    <message>
        <source>Remove user</source>
        <translation>Eliminar usuario</translation>
    </message>
    <message>
        <source>Remove {name}? Their passphrase will no longer open the vault. The vault is then re-encrypted under a new key (after a safety backup), so a copy of the old key file opens nothing written afterwards.</source>
        <translation>¿Eliminar a {name}? Su frase de acceso ya no abrirá la bóveda. Luego la bóveda se vuelve a cifrar con una llave nueva (después de un respaldo de seguridad), de modo que una copia del archivo de llaves anterior no abre nada de lo escrito después.</translation>
    </message>
    <message>
        <source>New recovery key</source>
        <translation>Nueva clave de recuperación</translation>
    </message>
    <message>
        <source>Replace the recovery key? The current one will stop opening the vault, which is re-encrypted under a new key. The new recovery key is shown once.</source>
        <translation>¿Reemplazar la clave de recuperación? La actual dejará de abrir la bóveda, que se vuelve a cifrar con una llave nueva. La nueva clave de recuperación se muestra una sola vez.</translation>
    </message>
</context>
<context>
    <name>ViewsButton</name>
    <message>
        <source>Views</source>
        <translation>Vistas</translation>
    </message>
    <message>
        <source>Built-in and saved combinations of search, filters and order</source>
        <translation>Combinaciones de búsqueda, filtros y orden, predefinidas y guardadas</translation>
    </message>
    <message>
        <source>Built-in views</source>
        <translation>Vistas predefinidas</translation>
    </message>
    <message>
        <source>My views</source>
        <translation>Mis vistas</translation>
    </message>
    <message>
        <source>(no saved views yet)</source>
        <translation>(aún no hay vistas guardadas)</translation>
    </message>
    <message>
        <source>Save view…</source>
        <translation>Guardar vista…</translation>
    </message>
    <message>
        <source>Rename view</source>
        <translation>Renombrar vista</translation>
    </message>
    <message>
        <source>Delete view</source>
        <translation>Eliminar vista</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>Guardar vista</translation>
    </message>
    <message>
        <source>Name for the current search, filters and order:</source>
        <translation>Nombre para la búsqueda, los filtros y el orden actuales:</translation>
    </message>
    <message>
        <source>A view called “{name}” already exists. Replace it?</source>
        <translation>Ya existe una vista llamada «{name}». ¿Reemplazarla?</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Nuevo nombre:</translation>
    </message>
    <message>
        <source>Delete the view “{name}”? The participants are not affected.</source>
        <translation>¿Eliminar la vista «{name}»? Los participantes no se ven afectados.</translation>
    </message>
</context>
<context>
    <name>ViolationsTab</name>
    <message>
        <source>Record violation…</source>
        <translation>Registrar incumplimiento…</translation>
    </message>
    <message>
        <source>No violations recorded.</source>
        <translation>No hay incumplimientos registrados.</translation>
    </message>
    <message>
        <source>Violation</source>
        <translation>Incumplimiento</translation>
    </message>
    <message>
        <source>New violation</source>
        <translation>Nuevo incumplimiento</translation>
    </message>
    <message>
        <source>Only coordinators can activate the banked case.</source>
        <translation>Solo coordinadores pueden activar el caso en reserva.</translation>
    </message>
</context>
<context>
    <name>_Cover</name>
    <message>
        <source>Locked</source>
        <translation>Bloqueada</translation>
    </message>
</context>
</TS>