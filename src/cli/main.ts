// reform-evidence command line (placeholder until the core lands).
process.stdout.write('reform-evidence\n');
