"""Names of the real files from other tools in ../shared/interop-samples that tests read."""

TMX_SAMPLES = ["heartsome-tmserver-utf16le-bom-declared-UTF-16LE-no-version.tmx",
               "lisa-kit-ImportTest1A-utf16le-crlf-charref-whitespace.tmx",
               "lisa-kit-ImportTest2A-utf16le-bpt-ept-it-ph-hi.tmx",
               "omegat-2.1.3-tmx11-mixed-lang-and-xmllang.tmx",
               "omegat-6.1-project_save-tuv-attrs-comments.tmx",
               "trados-tw4win-ed7-utf16le-rtf-header-props.tmx"]
