# Fake players for the sound tests (source it after lib.sh): they keep what they were given.
export LEGSUP_LOG=$scratch/sessions.jsonl PLAYED=$scratch/played
fakes=$scratch/fakes
mkdir -p "$fakes"
# A stream player: notes how it was called, keeps the stream.
cat >"$fakes/pacat" <<'PLAYER'
#!/bin/sh
echo "$0 $*" >>"$PLAYED.args"
exec /bin/cat >"$PLAYED.raw"
PLAYER
# A speech synthesiser: notes the words and writes a WAV of noise, 40 ms a character, so that
# each phrase can be told apart in the stream by its length.
cat >"$fakes/espeak-ng" <<'SPEAKER'
#!/bin/sh
for word; do last=$word; done
echo "$last" >>"$PLAYED.words"
printf 'RIFF\377\377\377\377WAVEfmt \020\000\000\000\001\000\001\000\042\126\000\000\104\254\000\000\002\000\020\000data\377\377\377\377'
/usr/bin/head -c $((${#last} * 882 * 2)) /dev/urandom
SPEAKER
chmod +x "$fakes/pacat" "$fakes/espeak-ng"
fresh() { rm -f "$PLAYED".*; }
# onsets: the probe's lines for the stream played
onsets() { "$AUDIO_PROBE" "$PLAYED.raw" "$@"; }
