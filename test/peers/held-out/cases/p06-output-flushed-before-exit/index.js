exports.handler = async () => { const line = "x".repeat(1000); for (let i = 0; i < 40; i++) console.log(line); console.log("FINAL-MARKER"); process.stdout.write("RAW-MARKER\n"); process.exit(0); };
