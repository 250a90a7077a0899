; Inno Setup 6 script: turns dist\walkback (from packaging\build.py) into
; dist\WalkBack-<version>-setup.exe.
;
;   iscc packaging\windows\walkback.iss                    (version read from WalkBack.exe)
;   iscc /DAppVersion=0.1.0 packaging\windows\walkback.iss (or given explicitly)
;
; What it installs: the bundle in Program Files (or, without admin rights, in
; the user's own programs folder), a Start-menu entry, an optional desktop
; icon, "Open with WalkBack" for routine files, and an uninstaller (Settings >
; Apps). Uninstalling leaves the user's data (%LOCALAPPDATA%\WalkBack) alone.
;
; File association: Windows knows a file's type by its LAST extension only, so
; "knee-friendly-20.walkback.json" is a ".json" file to Explorer. WalkBack
; therefore registers a "WalkBack routine" type (ProgID WalkBack.Routine) and
; adds it to ".json"'s Open-with list, without taking over every JSON file.
; Double-clicking opens it with `WalkBack.exe "<file>"`.

#define AppName "WalkBack"
#define AppIdentifier "org.walkback.WalkBack"
#define AppPublisher "WalkBack developers"
#define AppExe "WalkBack.exe"
#define DistDir "..\..\dist\walkback"
#define ProgId "WalkBack.Routine"
#ifndef AppVersion
  #define AppVersion GetVersionNumbersString(AddBackslash(SourcePath) + DistDir + "\" + AppExe)
#endif

[Setup]
AppId={#AppIdentifier}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
AppComments=Coach for timed backward-walking workouts
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
SetupIconFile=..\..\resources\icons\walkback.ico
OutputDir=..\..\dist
OutputBaseFilename=WalkBack-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Qt 6 needs 64-bit Windows 10 or newer.
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Per-user install without admin rights by default; the user may choose all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "routinefiles"; Description: "Offer WalkBack to open routine files (*.walkback.json)"; GroupDescription: "File types:"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; A previous version's bundle: remove it so no stale library is left behind.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Backward-walking workouts"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA is HKLM for an all-users install and HKCU for a per-user one.
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "WalkBack routine"; Flags: uninsdeletekey; Tasks: routinefiles
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: routinefiles
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: routinefiles
Root: HKA; Subkey: "Software\Classes\.json\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: routinefiles
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".json"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
